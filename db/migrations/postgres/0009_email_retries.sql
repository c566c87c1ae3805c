-- E-mails of notifications are retried with backoff (server/src/mail.ts): each notification's
-- e-mail is pending until the mail server accepts it (sent) or the retries run out (failed).
ALTER TABLE notifications ADD COLUMN email_status text NOT NULL DEFAULT 'pending'
  CHECK (email_status IN ('pending', 'sent', 'failed'));
ALTER TABLE notifications ADD COLUMN email_attempts bigint NOT NULL DEFAULT 0 CHECK (email_attempts >= 0);
-- When a pending e-mail is next tried (ISO instant); NULL: at once.
ALTER TABLE notifications ADD COLUMN email_next_attempt_at text;
ALTER TABLE notifications ADD COLUMN email_last_error text;
-- Before retries existed an unsent e-mail was never tried again: it stays unsent, said so.
UPDATE notifications SET email_status = 'sent' WHERE emailed_at IS NOT NULL;
UPDATE notifications SET email_status = 'failed', email_last_error = 'Not sent (before e-mail retries existed)'
  WHERE emailed_at IS NULL;
CREATE INDEX notifications_email_due ON notifications(email_next_attempt_at) WHERE email_status = 'pending';

-- Retention deletes the access log and the change log by age (server/src/domain/retention.ts).
CREATE INDEX access_log_created ON access_log(created_at);
CREATE INDEX changes_created ON changes(created_at);
