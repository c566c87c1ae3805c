-- PostgreSQL twin of ../sqlite/0010_shared_limits_and_daily_runs.sql.
-- State that several server processes sharing the database must agree on, kept in it rather than
-- in one process's memory.

-- Rate-limit counters (express-rate-limit's store): one fixed window per key, opened by its first
-- hit; `reset_at` in epoch milliseconds. Expired rows are pruned by the daily jobs.
CREATE TABLE rate_limits (
  key      text PRIMARY KEY,
  hits     bigint NOT NULL CHECK (hits >= 0),
  reset_at bigint NOT NULL
);
CREATE INDEX rate_limits_reset ON rate_limits(reset_at);

-- The daily jobs, one row a day: the process running them claims the day until `claimed_until`
-- (epoch ms; a crashed run's claim lapses and another process takes over), `done_at` once it completed.
CREATE TABLE daily_runs (
  day           text PRIMARY KEY,
  claimed_by    text,
  claimed_until bigint,
  done_at       text
);
INSERT INTO daily_runs (day, claimed_by, claimed_until, done_at)
  SELECT value, NULL, NULL, value FROM meta WHERE key = 'daily_jobs_last_run';
DELETE FROM meta WHERE key = 'daily_jobs_last_run';
