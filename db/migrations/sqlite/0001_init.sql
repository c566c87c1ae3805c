-- Cascade schema, version 1. Forward-only: never edit a migration that has shipped.
-- Dates are calendar dates 'YYYY-MM-DD' (TEXT compares in date order); timestamps are ISO strings.

CREATE TABLE products (
  id   INTEGER PRIMARY KEY,
  code TEXT NOT NULL UNIQUE CHECK (length(code) BETWEEN 1 AND 40),
  name TEXT NOT NULL CHECK (length(name) BETWEEN 1 AND 200)
) STRICT;

CREATE TABLE partners (
  id    INTEGER PRIMARY KEY,
  name  TEXT NOT NULL CHECK (length(name) BETWEEN 1 AND 200),
  email TEXT NOT NULL
) STRICT;

CREATE TABLE resellers (
  id         INTEGER PRIMARY KEY,
  name       TEXT NOT NULL CHECK (length(name) BETWEEN 1 AND 200),
  email      TEXT NOT NULL,
  partner_id INTEGER NOT NULL REFERENCES partners(id)
) STRICT;
CREATE INDEX resellers_partner ON resellers(partner_id);

-- A pool belongs to a partner (reseller_id NULL) or to one of its resellers.
CREATE TABLE pools (
  id          INTEGER PRIMARY KEY,
  partner_id  INTEGER NOT NULL REFERENCES partners(id),
  reseller_id INTEGER REFERENCES resellers(id),
  product_id  INTEGER NOT NULL REFERENCES products(id),
  balance     INTEGER NOT NULL DEFAULT 0 CHECK (balance >= 0),
  holder_type TEXT GENERATED ALWAYS AS (CASE WHEN reseller_id IS NULL THEN 'partner' ELSE 'reseller' END) VIRTUAL,
  holder_id   INTEGER GENERATED ALWAYS AS (coalesce(reseller_id, partner_id)) VIRTUAL
) STRICT;
CREATE UNIQUE INDEX pools_holder_product ON pools(holder_type, holder_id, product_id);
CREATE INDEX pools_partner ON pools(partner_id);

-- status, end_date and to_renew are derived from the subscriptions relative to "today";
-- they are maintained by server/src/domain/derived.ts (on every write and at each change of day)
-- so that status filters and end-date sorting are indexed SQL.
CREATE TABLE clients (
  id          INTEGER PRIMARY KEY,
  name        TEXT NOT NULL CHECK (length(name) BETWEEN 1 AND 200),
  partner_id  INTEGER NOT NULL REFERENCES partners(id),
  reseller_id INTEGER REFERENCES resellers(id),
  created_at  TEXT NOT NULL,
  status      TEXT NOT NULL DEFAULT 'expired'
              CHECK (status IN ('not_started','renewed','cancelled','expired','expiring','active')),
  end_date    TEXT,
  to_renew    INTEGER NOT NULL DEFAULT 0 CHECK (to_renew IN (0,1))
) STRICT;
CREATE INDEX clients_partner ON clients(partner_id, reseller_id);
CREATE INDEX clients_reseller ON clients(reseller_id);
CREATE INDEX clients_status_end ON clients(status, end_date);
CREATE INDEX clients_to_renew_end ON clients(to_renew, end_date);
CREATE INDEX clients_end ON clients(end_date);
CREATE INDEX clients_name ON clients(name COLLATE NOCASE);

-- One row per client × product. The shown term (start/end/years/seats) and status are derived,
-- maintained like the client's; status_until is the first day on which they may change.
CREATE TABLE subscriptions (
  id           INTEGER PRIMARY KEY,
  client_id    INTEGER NOT NULL REFERENCES clients(id),
  product_id   INTEGER NOT NULL REFERENCES products(id),
  partner_id   INTEGER NOT NULL REFERENCES partners(id),
  reseller_id  INTEGER REFERENCES resellers(id),
  client_name  TEXT NOT NULL,
  auto_renew   INTEGER NOT NULL DEFAULT 0 CHECK (auto_renew IN (0,1)),
  cancelled    INTEGER NOT NULL DEFAULT 0 CHECK (cancelled IN (0,1)),
  status       TEXT NOT NULL DEFAULT 'expired'
               CHECK (status IN ('not_started','renewed','cancelled','expired','expiring','active')),
  renewed      INTEGER NOT NULL DEFAULT 0 CHECK (renewed IN (0,1)),
  to_renew     INTEGER NOT NULL DEFAULT 0 CHECK (to_renew IN (0,1)),
  start_date   TEXT,
  end_date     TEXT,
  years        INTEGER,
  seats        INTEGER,
  latest_end   TEXT,
  status_until TEXT,
  UNIQUE (client_id, product_id)
) STRICT;
CREATE INDEX subscriptions_status_end ON subscriptions(status, end_date);
CREATE INDEX subscriptions_to_renew_end ON subscriptions(to_renew, end_date);
CREATE INDEX subscriptions_end ON subscriptions(end_date);
CREATE INDEX subscriptions_until ON subscriptions(status_until);
CREATE INDEX subscriptions_partner ON subscriptions(partner_id, reseller_id);
CREATE INDEX subscriptions_reseller ON subscriptions(reseller_id);
CREATE INDEX subscriptions_product ON subscriptions(product_id);

CREATE TABLE terms (
  id              INTEGER PRIMARY KEY,
  subscription_id INTEGER NOT NULL REFERENCES subscriptions(id),
  start_date      TEXT NOT NULL,
  end_date        TEXT NOT NULL,
  years           INTEGER NOT NULL CHECK (years BETWEEN 1 AND 10),
  seats           INTEGER NOT NULL CHECK (seats >= 1),
  created_at      TEXT NOT NULL,
  CHECK (end_date > start_date)
) STRICT;
CREATE INDEX terms_subscription_start ON terms(subscription_id, start_date);

-- The ledger: immutable; every pool balance equals its credits minus its debits.
CREATE TABLE movements (
  id              INTEGER PRIMARY KEY,
  kind            TEXT NOT NULL CHECK (kind IN ('grant','allocate','reclaim','consume','adjust')),
  product_id      INTEGER NOT NULL REFERENCES products(id),
  quantity        INTEGER NOT NULL CHECK (quantity > 0),
  from_pool_id    INTEGER REFERENCES pools(id),
  to_pool_id      INTEGER REFERENCES pools(id),
  subscription_id INTEGER REFERENCES subscriptions(id),
  client_id       INTEGER REFERENCES clients(id),
  term_id         INTEGER REFERENCES terms(id),
  actor           TEXT NOT NULL,
  reason          TEXT,
  created_at      TEXT NOT NULL,
  CHECK (from_pool_id IS NOT NULL OR to_pool_id IS NOT NULL)
) STRICT;
CREATE INDEX movements_from ON movements(from_pool_id);
CREATE INDEX movements_to ON movements(to_pool_id);
CREATE INDEX movements_subscription ON movements(subscription_id);
CREATE INDEX movements_client ON movements(client_id);
CREATE INDEX movements_created ON movements(created_at);

CREATE TRIGGER movements_immutable_update BEFORE UPDATE ON movements
BEGIN SELECT RAISE(ABORT, 'movements are immutable'); END;

-- Idempotency keys: the first response to a license-moving request, replayed for a repeat.
CREATE TABLE idempotency_keys (
  actor       TEXT NOT NULL,
  key         TEXT NOT NULL,
  fingerprint TEXT NOT NULL,
  status      INTEGER NOT NULL,
  body        TEXT NOT NULL,
  created_at  TEXT NOT NULL,
  PRIMARY KEY (actor, key)
) STRICT;
CREATE INDEX idempotency_created ON idempotency_keys(created_at);

-- Small key/value state, e.g. the day the derived statuses were computed for.
CREATE TABLE meta (
  key   TEXT PRIMARY KEY,
  value TEXT NOT NULL
) STRICT;
