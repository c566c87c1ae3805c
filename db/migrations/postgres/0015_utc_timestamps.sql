-- Issue 12: one stored timestamp format, ISO 8601 in UTC with milliseconds and Z (the clock's now()
-- wrote the publisher's offset, e.g. +01:00, and the seed Z): text order is then time order again,
-- for sorting and for the retention cut-offs. Rows already in UTC are left as they are.
UPDATE clients SET created_at = to_char((created_at::timestamptz) AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') WHERE created_at NOT LIKE '%Z';
UPDATE clients SET undo_until = to_char((undo_until::timestamptz) AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') WHERE undo_until NOT LIKE '%Z';
UPDATE subscriptions SET undo_until = to_char((undo_until::timestamptz) AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') WHERE undo_until NOT LIKE '%Z';
UPDATE terms SET created_at = to_char((created_at::timestamptz) AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') WHERE created_at NOT LIKE '%Z';
UPDATE terms SET undone_at = to_char((undone_at::timestamptz) AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') WHERE undone_at NOT LIKE '%Z';
UPDATE idempotency_keys SET created_at = to_char((created_at::timestamptz) AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') WHERE created_at NOT LIKE '%Z';
UPDATE idempotency_keys SET touched_at = to_char((touched_at::timestamptz) AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') WHERE touched_at NOT LIKE '%Z';
UPDATE users SET created_at = to_char((created_at::timestamptz) AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') WHERE created_at NOT LIKE '%Z';
UPDATE access_log SET created_at = to_char((created_at::timestamptz) AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') WHERE created_at NOT LIKE '%Z';
UPDATE changes SET created_at = to_char((created_at::timestamptz) AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') WHERE created_at NOT LIKE '%Z';
UPDATE renewal_attempts SET created_at = to_char((created_at::timestamptz) AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') WHERE created_at NOT LIKE '%Z';
UPDATE notifications SET created_at = to_char((created_at::timestamptz) AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') WHERE created_at NOT LIKE '%Z';
UPDATE notifications SET read_at = to_char((read_at::timestamptz) AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') WHERE read_at NOT LIKE '%Z';
UPDATE notifications SET emailed_at = to_char((emailed_at::timestamptz) AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') WHERE emailed_at NOT LIKE '%Z';
UPDATE notifications SET email_next_attempt_at = to_char((email_next_attempt_at::timestamptz) AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') WHERE email_next_attempt_at NOT LIKE '%Z';
UPDATE recovery_codes SET used_at = to_char((used_at::timestamptz) AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') WHERE used_at NOT LIKE '%Z';
UPDATE daily_runs SET done_at = to_char((done_at::timestamptz) AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') WHERE done_at NOT LIKE '%Z';
-- The ledger refuses updates (0001): its trigger steps aside for this one conversion.
ALTER TABLE movements DISABLE TRIGGER movements_immutable_update;
UPDATE movements SET created_at = to_char((created_at::timestamptz) AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') WHERE created_at NOT LIKE '%Z';
ALTER TABLE movements ENABLE TRIGGER movements_immutable_update;
