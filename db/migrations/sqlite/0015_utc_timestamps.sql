-- Issue 12: one stored timestamp format, ISO 8601 in UTC with milliseconds and Z (the clock's now()
-- wrote the publisher's offset, e.g. +01:00, and the seed Z): text order is then time order again,
-- for sorting and for the retention cut-offs. Rows already in UTC are left as they are.
UPDATE clients SET created_at = strftime('%Y-%m-%dT%H:%M:%fZ', created_at) WHERE created_at NOT LIKE '%Z' AND strftime('%Y-%m-%dT%H:%M:%fZ', created_at) IS NOT NULL;
UPDATE clients SET undo_until = strftime('%Y-%m-%dT%H:%M:%fZ', undo_until) WHERE undo_until NOT LIKE '%Z' AND strftime('%Y-%m-%dT%H:%M:%fZ', undo_until) IS NOT NULL;
UPDATE subscriptions SET undo_until = strftime('%Y-%m-%dT%H:%M:%fZ', undo_until) WHERE undo_until NOT LIKE '%Z' AND strftime('%Y-%m-%dT%H:%M:%fZ', undo_until) IS NOT NULL;
UPDATE terms SET created_at = strftime('%Y-%m-%dT%H:%M:%fZ', created_at) WHERE created_at NOT LIKE '%Z' AND strftime('%Y-%m-%dT%H:%M:%fZ', created_at) IS NOT NULL;
UPDATE terms SET undone_at = strftime('%Y-%m-%dT%H:%M:%fZ', undone_at) WHERE undone_at NOT LIKE '%Z' AND strftime('%Y-%m-%dT%H:%M:%fZ', undone_at) IS NOT NULL;
UPDATE idempotency_keys SET created_at = strftime('%Y-%m-%dT%H:%M:%fZ', created_at) WHERE created_at NOT LIKE '%Z' AND strftime('%Y-%m-%dT%H:%M:%fZ', created_at) IS NOT NULL;
UPDATE idempotency_keys SET touched_at = strftime('%Y-%m-%dT%H:%M:%fZ', touched_at) WHERE touched_at NOT LIKE '%Z' AND strftime('%Y-%m-%dT%H:%M:%fZ', touched_at) IS NOT NULL;
UPDATE users SET created_at = strftime('%Y-%m-%dT%H:%M:%fZ', created_at) WHERE created_at NOT LIKE '%Z' AND strftime('%Y-%m-%dT%H:%M:%fZ', created_at) IS NOT NULL;
UPDATE access_log SET created_at = strftime('%Y-%m-%dT%H:%M:%fZ', created_at) WHERE created_at NOT LIKE '%Z' AND strftime('%Y-%m-%dT%H:%M:%fZ', created_at) IS NOT NULL;
UPDATE changes SET created_at = strftime('%Y-%m-%dT%H:%M:%fZ', created_at) WHERE created_at NOT LIKE '%Z' AND strftime('%Y-%m-%dT%H:%M:%fZ', created_at) IS NOT NULL;
UPDATE renewal_attempts SET created_at = strftime('%Y-%m-%dT%H:%M:%fZ', created_at) WHERE created_at NOT LIKE '%Z' AND strftime('%Y-%m-%dT%H:%M:%fZ', created_at) IS NOT NULL;
UPDATE notifications SET created_at = strftime('%Y-%m-%dT%H:%M:%fZ', created_at) WHERE created_at NOT LIKE '%Z' AND strftime('%Y-%m-%dT%H:%M:%fZ', created_at) IS NOT NULL;
UPDATE notifications SET read_at = strftime('%Y-%m-%dT%H:%M:%fZ', read_at) WHERE read_at NOT LIKE '%Z' AND strftime('%Y-%m-%dT%H:%M:%fZ', read_at) IS NOT NULL;
UPDATE notifications SET emailed_at = strftime('%Y-%m-%dT%H:%M:%fZ', emailed_at) WHERE emailed_at NOT LIKE '%Z' AND strftime('%Y-%m-%dT%H:%M:%fZ', emailed_at) IS NOT NULL;
UPDATE notifications SET email_next_attempt_at = strftime('%Y-%m-%dT%H:%M:%fZ', email_next_attempt_at) WHERE email_next_attempt_at NOT LIKE '%Z' AND strftime('%Y-%m-%dT%H:%M:%fZ', email_next_attempt_at) IS NOT NULL;
UPDATE recovery_codes SET used_at = strftime('%Y-%m-%dT%H:%M:%fZ', used_at) WHERE used_at NOT LIKE '%Z' AND strftime('%Y-%m-%dT%H:%M:%fZ', used_at) IS NOT NULL;
UPDATE daily_runs SET done_at = strftime('%Y-%m-%dT%H:%M:%fZ', done_at) WHERE done_at NOT LIKE '%Z' AND strftime('%Y-%m-%dT%H:%M:%fZ', done_at) IS NOT NULL;
-- The ledger refuses updates (0001): its trigger steps aside for this one conversion.
DROP TRIGGER movements_immutable_update;
UPDATE movements SET created_at = strftime('%Y-%m-%dT%H:%M:%fZ', created_at) WHERE created_at NOT LIKE '%Z' AND strftime('%Y-%m-%dT%H:%M:%fZ', created_at) IS NOT NULL;
CREATE TRIGGER movements_immutable_update BEFORE UPDATE ON movements
BEGIN SELECT RAISE(ABORT, 'movements are immutable'); END;
