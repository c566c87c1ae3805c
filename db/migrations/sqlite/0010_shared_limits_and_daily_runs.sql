-- State that several server processes sharing the database must agree on, kept in it rather than
-- in one process's memory.

-- Rate-limit counters (express-rate-limit's store): one fixed window per key, opened by its first
-- hit; `reset_at` in epoch milliseconds. Expired rows are pruned by the daily jobs.
CREATE TABLE rate_limits (
  key      TEXT PRIMARY KEY,
  hits     INTEGER NOT NULL CHECK (hits >= 0),
  reset_at INTEGER NOT NULL
) STRICT;
CREATE INDEX rate_limits_reset ON rate_limits(reset_at);

-- The daily jobs, one row a day: the process running them claims the day until `claimed_until`
-- (epoch ms; a crashed run's claim lapses and another process takes over), `done_at` once it completed.
CREATE TABLE daily_runs (
  day           TEXT PRIMARY KEY,
  claimed_by    TEXT,
  claimed_until INTEGER,
  done_at       TEXT
) STRICT;
INSERT INTO daily_runs (day, claimed_by, claimed_until, done_at)
  SELECT value, NULL, NULL, value FROM meta WHERE key = 'daily_jobs_last_run';
DELETE FROM meta WHERE key = 'daily_jobs_last_run';
