-- Issue 14 (DESIGN §7): API keys of an organisation (the publisher: both ids NULL; a partner; a
-- reseller, with its partner), and the usage reports a publisher's licence server posts with them.
-- The secret is never stored: secret_hash is its SHA-256 (hex); prefix is what people recognise it by.
CREATE TABLE api_keys (
  id           INTEGER PRIMARY KEY,
  name         TEXT NOT NULL,
  prefix       TEXT NOT NULL,
  secret_hash  TEXT NOT NULL UNIQUE,
  scope        TEXT NOT NULL CHECK (scope IN ('read', 'write', 'usage')),
  partner_id   INTEGER REFERENCES partners(id),
  reseller_id  INTEGER REFERENCES resellers(id),
  created_by   INTEGER REFERENCES users(id) ON DELETE SET NULL,
  expires_at   TEXT,
  last_used_at TEXT,
  revoked_at   TEXT,
  created_at   TEXT NOT NULL
) STRICT;
CREATE INDEX api_keys_partner ON api_keys(partner_id);

-- Every report as received (history); the latest by measured_at is also kept on the subscription.
CREATE TABLE usage_reports (
  id              INTEGER PRIMARY KEY,
  subscription_id INTEGER NOT NULL REFERENCES subscriptions(id),
  active_users    INTEGER NOT NULL CHECK (active_users >= 0),
  measured_at     TEXT NOT NULL,
  api_key_id      INTEGER REFERENCES api_keys(id),
  created_at      TEXT NOT NULL
) STRICT;
CREATE INDEX usage_reports_subscription ON usage_reports(subscription_id, measured_at);

ALTER TABLE subscriptions ADD COLUMN active_users INTEGER CHECK (active_users >= 0);
ALTER TABLE subscriptions ADD COLUMN active_users_measured_at TEXT;

-- A key's use is in the access log (event api_key_used, with the key's id). SQLite cannot change a
-- CHECK in place: the table is rebuilt with its rows and indexes.
CREATE TABLE access_log_new (
  id          INTEGER PRIMARY KEY,
  event       TEXT NOT NULL CHECK (event IN ('login_success', 'login_failure', 'logout', 'password_change',
                                             'totp_enabled', 'totp_disabled', 'recovery_code_used', 'api_key_used')),
  user_id     INTEGER REFERENCES users(id) ON DELETE SET NULL,
  email       TEXT NOT NULL,
  reason      TEXT,
  ip          TEXT,
  user_agent  TEXT,
  partner_id  INTEGER,
  reseller_id INTEGER,
  created_at  TEXT NOT NULL,
  api_key_id  INTEGER REFERENCES api_keys(id)
) STRICT;
INSERT INTO access_log_new (id, event, user_id, email, reason, ip, user_agent, partner_id, reseller_id, created_at)
  SELECT id, event, user_id, email, reason, ip, user_agent, partner_id, reseller_id, created_at FROM access_log;
DROP TABLE access_log;
ALTER TABLE access_log_new RENAME TO access_log;
CREATE INDEX access_log_email_time ON access_log(email COLLATE NOCASE, created_at);
CREATE INDEX access_log_partner ON access_log(partner_id);
CREATE INDEX access_log_created ON access_log(created_at);
