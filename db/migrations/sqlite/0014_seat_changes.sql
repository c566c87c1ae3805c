-- Issue 12: a seat change during a term is an event of its own in the subscription's history (it
-- used to show only as the term's rewritten seats). The term keeps the current seats; its seats at
-- creation are the first change's seats_from.
CREATE TABLE seat_changes (
  id              INTEGER PRIMARY KEY,
  subscription_id INTEGER NOT NULL REFERENCES subscriptions(id),
  term_id         INTEGER NOT NULL REFERENCES terms(id),
  seats_from      INTEGER NOT NULL CHECK (seats_from >= 1),
  seats_to        INTEGER NOT NULL CHECK (seats_to >= 1),
  cost            INTEGER NOT NULL CHECK (cost >= 0),
  actor           TEXT NOT NULL,
  created_at      TEXT NOT NULL
) STRICT;
CREATE INDEX seat_changes_subscription ON seat_changes(subscription_id);
