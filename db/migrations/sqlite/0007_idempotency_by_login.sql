-- Idempotency keys belong to a login's id, not to its e-mail text: a new login reusing a renamed
-- login's address must not replay the other's stored answers.
-- A multi-step action (a bulk renewal) holds its key while it runs: status 0, `claim` the token of
-- the run holding it, `body` the results of the steps already committed (each step records its
-- result in its own transaction). A claim not touched for a while was abandoned (a crash): a repeat
-- of the request takes it over and resumes after the committed steps, so no step runs twice.
CREATE TABLE idempotency_keys_by_login (
  login_id    INTEGER NOT NULL,
  key         TEXT NOT NULL,
  fingerprint TEXT NOT NULL,
  status      INTEGER NOT NULL,
  body        TEXT NOT NULL,
  claim       TEXT,
  created_at  TEXT NOT NULL,
  touched_at  TEXT NOT NULL,
  PRIMARY KEY (login_id, key)
) STRICT;
INSERT INTO idempotency_keys_by_login (login_id, key, fingerprint, status, body, claim, created_at, touched_at)
  SELECT users.id, k.key, k.fingerprint, k.status, k.body, NULL, k.created_at, k.created_at
  FROM idempotency_keys k JOIN users ON users.email = k.actor
  WHERE k.status <> 0;
DROP TABLE idempotency_keys;
ALTER TABLE idempotency_keys_by_login RENAME TO idempotency_keys;
CREATE INDEX idempotency_created ON idempotency_keys(created_at);
