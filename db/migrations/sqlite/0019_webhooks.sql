-- Issue 14 (DESIGN §7): webhooks. An organisation's endpoints, the outbox of events (written in
-- the transaction of the change each describes) and one delivery per endpoint and event.

-- An endpoint of an organisation: the publisher (both ids NULL), a partner (partner_id), or a
-- reseller (reseller_id, with its partner's id). `secret` is kept in clear on purpose: each
-- delivery is signed with it (HMAC), so it cannot be stored hashed; the API shows it only once.
CREATE TABLE webhooks (
  id            INTEGER PRIMARY KEY,
  partner_id    INTEGER REFERENCES partners(id),
  reseller_id   INTEGER REFERENCES resellers(id),
  url           TEXT NOT NULL,
  events        TEXT NOT NULL,
  secret        TEXT NOT NULL,
  active        INTEGER NOT NULL DEFAULT 1 CHECK (active IN (0, 1)),
  failing_since TEXT,
  created_by    TEXT NOT NULL,
  created_at    TEXT NOT NULL,
  CHECK (reseller_id IS NULL OR partner_id IS NOT NULL)
) STRICT;
CREATE INDEX webhooks_organisation ON webhooks(partner_id, reseller_id);

-- The outbox. `id` is the public event id (evt_…); partner_id/reseller_id say whose record it is
-- (for the endpoints that may see it); `dedupe_key` makes an event recorded once (a reminder per
-- threshold, an expiry per term) however many servers or reruns record it.
CREATE TABLE webhook_events (
  id          TEXT PRIMARY KEY,
  type        TEXT NOT NULL,
  created     TEXT NOT NULL,
  data        TEXT NOT NULL,
  partner_id  INTEGER,
  reseller_id INTEGER,
  dedupe_key  TEXT UNIQUE
) STRICT;

-- One event to one endpoint. Pending ones are due when next_attempt_at is NULL (at once) or past;
-- a worker takes one by moving next_attempt_at forward (a lease) where it still has the value it read.
CREATE TABLE webhook_deliveries (
  id               INTEGER PRIMARY KEY,
  webhook_id       INTEGER NOT NULL REFERENCES webhooks(id) ON DELETE CASCADE,
  event_id         TEXT NOT NULL REFERENCES webhook_events(id),
  type             TEXT NOT NULL,
  status           TEXT NOT NULL DEFAULT 'pending' CHECK (status IN ('pending','delivered','failed')),
  attempts         INTEGER NOT NULL DEFAULT 0 CHECK (attempts >= 0),
  last_status_code INTEGER,
  last_error       TEXT,
  response_snippet TEXT,
  next_attempt_at  TEXT,
  first_attempt_at TEXT,
  last_attempt_at  TEXT,
  delivered_at     TEXT,
  created_at       TEXT NOT NULL,
  UNIQUE (webhook_id, event_id)
) STRICT;
CREATE INDEX webhook_deliveries_due ON webhook_deliveries(status, next_attempt_at);
CREATE INDEX webhook_deliveries_event ON webhook_deliveries(event_id);
