-- Console logins, their sessions, two-factor authentication, the access log and the change log.

CREATE TABLE users (
  id            INTEGER PRIMARY KEY,
  email         TEXT NOT NULL UNIQUE COLLATE NOCASE CHECK (length(email) BETWEEN 3 AND 254),
  name          TEXT NOT NULL CHECK (length(name) BETWEEN 1 AND 200),
  role          TEXT NOT NULL CHECK (role IN ('admin', 'partner', 'reseller')),
  -- The organisation: none for admins (publisher staff), a partner, or a reseller (with its partner).
  partner_id    INTEGER REFERENCES partners(id),
  reseller_id   INTEGER REFERENCES resellers(id),
  active        INTEGER NOT NULL DEFAULT 1 CHECK (active IN (0, 1)),
  password_hash TEXT NOT NULL,
  totp_secret   TEXT,
  totp_enabled  INTEGER NOT NULL DEFAULT 0 CHECK (totp_enabled IN (0, 1)),
  search_name   TEXT NOT NULL DEFAULT '',
  created_at    TEXT NOT NULL,
  CHECK (
    (role = 'admin' AND partner_id IS NULL AND reseller_id IS NULL) OR
    (role = 'partner' AND partner_id IS NOT NULL AND reseller_id IS NULL) OR
    (role = 'reseller' AND partner_id IS NOT NULL AND reseller_id IS NOT NULL)
  )
) STRICT;
CREATE INDEX users_partner ON users(partner_id);
CREATE INDEX users_reseller ON users(reseller_id);

-- Only a hash of the session token is stored: a copy of the database opens no session.
-- Times are epoch milliseconds of the real clock (a pinned TODAY does not stop sessions expiring).
CREATE TABLE sessions (
  token_hash   TEXT PRIMARY KEY,
  user_id      INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,
  created_at   INTEGER NOT NULL,
  last_seen_at INTEGER NOT NULL,
  expires_at   INTEGER NOT NULL
) STRICT;
CREATE INDEX sessions_user ON sessions(user_id);

CREATE TABLE recovery_codes (
  id        INTEGER PRIMARY KEY,
  user_id   INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,
  code_hash TEXT NOT NULL,
  used_at   TEXT
) STRICT;
CREATE INDEX recovery_codes_user ON recovery_codes(user_id);

CREATE TABLE access_log (
  id          INTEGER PRIMARY KEY,
  event       TEXT NOT NULL CHECK (event IN ('login_success', 'login_failure', 'logout', 'password_change',
                                             'totp_enabled', 'totp_disabled', 'recovery_code_used')),
  user_id     INTEGER REFERENCES users(id) ON DELETE SET NULL,
  email       TEXT NOT NULL,
  reason      TEXT,
  ip          TEXT,
  user_agent  TEXT,
  partner_id  INTEGER,
  reseller_id INTEGER,
  created_at  TEXT NOT NULL
) STRICT;
CREATE INDEX access_log_email_time ON access_log(email COLLATE NOCASE, created_at);
CREATE INDEX access_log_partner ON access_log(partner_id);

-- Who changed what: every write outside the ledger (which has its own actor column).
CREATE TABLE changes (
  id          INTEGER PRIMARY KEY,
  actor       TEXT NOT NULL,
  action      TEXT NOT NULL,
  resource    TEXT NOT NULL,
  record_id   INTEGER,
  partner_id  INTEGER,
  reseller_id INTEGER,
  data        TEXT,
  created_at  TEXT NOT NULL
) STRICT;
CREATE INDEX changes_resource ON changes(resource, record_id);
CREATE INDEX changes_partner ON changes(partner_id);

-- An admin can require two-factor authentication for an organisation's logins.
ALTER TABLE partners ADD COLUMN require_totp INTEGER NOT NULL DEFAULT 0 CHECK (require_totp IN (0, 1));
ALTER TABLE resellers ADD COLUMN require_totp INTEGER NOT NULL DEFAULT 0 CHECK (require_totp IN (0, 1));
