-- Fresh reads across processes. Every statement that changes a table the servers read from sends a
-- notification on channel cascade_changes, carrying the writer's application_name (each Cascade
-- process connects under a name of its own). A server LISTENs and, on a notification from another
-- process (a second server, `npm run renew:auto`), empties what it keeps in memory. NOTIFY is
-- transactional: delivered at commit, never for a rolled-back change, once per transaction and name.
-- SQLite needs none of this: its data_version pragma tells a connection when another one committed.
-- A table added by a later migration needs its own trigger (cascade_changes_<table>).
CREATE FUNCTION cascade_notify_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM pg_notify('cascade_changes', current_setting('application_name'));
  RETURN NULL;
END
$$;

DO $$
DECLARE
  t text;
BEGIN
  -- Not rate_limits nor daily_runs: nothing read from them is kept in memory.
  FOR t IN SELECT tablename FROM pg_tables
           WHERE schemaname = current_schema() AND tablename NOT IN ('schema_migrations', 'rate_limits', 'daily_runs')
  LOOP
    EXECUTE format('CREATE TRIGGER %I AFTER INSERT OR UPDATE OR DELETE ON %I FOR EACH STATEMENT EXECUTE FUNCTION cascade_notify_change()', 'cascade_changes_' || t, t);
  END LOOP;
END
$$;
