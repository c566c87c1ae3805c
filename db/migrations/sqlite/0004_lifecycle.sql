-- Subscription lifecycle: auto-renewal attempts, changes scheduled for the next renewal,
-- undo of renewals and client creations, reminders.

-- Seats and years to apply at the next renewal (manual or automatic), as Partner Center does.
ALTER TABLE subscriptions ADD COLUMN next_seats INTEGER CHECK (next_seats IS NULL OR next_seats >= 1);
ALTER TABLE subscriptions ADD COLUMN next_years INTEGER CHECK (next_years IS NULL OR next_years BETWEEN 1 AND 10);
-- Auto-renewal: the first day of the current run of failed attempts, and whether it gave up.
ALTER TABLE subscriptions ADD COLUMN auto_renew_failing_since TEXT;
ALTER TABLE subscriptions ADD COLUMN auto_renew_exhausted INTEGER NOT NULL DEFAULT 0 CHECK (auto_renew_exhausted IN (0, 1));
-- A client whose creation was undone, with its subscriptions, leaves every list.
ALTER TABLE clients ADD COLUMN archived INTEGER NOT NULL DEFAULT 0 CHECK (archived IN (0, 1));
ALTER TABLE subscriptions ADD COLUMN archived INTEGER NOT NULL DEFAULT 0 CHECK (archived IN (0, 1));

-- How a term came to be; an undone term stays for the ledger's sake but no longer counts.
ALTER TABLE terms ADD COLUMN origin TEXT NOT NULL DEFAULT 'creation' CHECK (origin IN ('creation', 'renewal', 'auto_renewal'));
ALTER TABLE terms ADD COLUMN undone_at TEXT;

-- Until when the latest renewal (subscription) or the creation (client) can be undone, an ISO instant.
-- The licenses an undo gives back are an `adjust` movement crediting the pool, with its reason.
ALTER TABLE subscriptions ADD COLUMN undo_until TEXT;
ALTER TABLE clients ADD COLUMN undo_until TEXT;

CREATE TABLE renewal_attempts (
  id              INTEGER PRIMARY KEY,
  subscription_id INTEGER NOT NULL REFERENCES subscriptions(id),
  run_date        TEXT NOT NULL,
  outcome         TEXT NOT NULL CHECK (outcome IN ('renewed', 'failed', 'exhausted')),
  message         TEXT,
  term_id         INTEGER REFERENCES terms(id),
  created_at      TEXT NOT NULL,
  UNIQUE (subscription_id, run_date)
) STRICT;

CREATE TABLE notifications (
  id              INTEGER PRIMARY KEY,
  user_id         INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,
  kind            TEXT NOT NULL CHECK (kind IN ('reminder', 'auto_renew_failed')),
  -- One event is notified once per login: e.g. 'reminder:42:2027-01-31:30'.
  event_key       TEXT NOT NULL,
  subscription_id INTEGER REFERENCES subscriptions(id),
  client_id       INTEGER REFERENCES clients(id),
  days_before     INTEGER,
  end_date        TEXT,
  message         TEXT NOT NULL,
  created_at      TEXT NOT NULL,
  read_at         TEXT,
  emailed_at      TEXT,
  UNIQUE (user_id, event_key)
) STRICT;
CREATE INDEX notifications_user_unread ON notifications(user_id, read_at);

CREATE INDEX subscriptions_auto_renew ON subscriptions(auto_renew, latest_end) WHERE auto_renew = 1;
CREATE INDEX subscriptions_latest_end ON subscriptions(latest_end);
