-- Issue 13's remainder.
-- 1. A pool that cannot pay its auto-renewals due within 14 days is notified (kind 'pool_short',
--    domain/poolShortfall.ts). SQLite cannot alter a CHECK: the table is rebuilt, same columns in the
--    same order, same constraints, same indexes.
CREATE TABLE notifications_new (
  id              INTEGER PRIMARY KEY,
  user_id         INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,
  kind            TEXT NOT NULL CHECK (kind IN ('reminder', 'auto_renew_failed', 'pool_short')),
  -- One event is notified once per login: e.g. 'reminder:42:2027-01-31:30', 'pool_short:7:2026-12-05'.
  event_key       TEXT NOT NULL,
  subscription_id INTEGER REFERENCES subscriptions(id),
  client_id       INTEGER REFERENCES clients(id),
  days_before     INTEGER,
  end_date        TEXT,
  message         TEXT NOT NULL,
  created_at      TEXT NOT NULL,
  read_at         TEXT,
  emailed_at      TEXT,
  email_status    TEXT NOT NULL DEFAULT 'pending' CHECK (email_status IN ('pending', 'sent', 'failed')),
  email_attempts  INTEGER NOT NULL DEFAULT 0 CHECK (email_attempts >= 0),
  email_next_attempt_at TEXT,
  email_last_error TEXT,
  UNIQUE (user_id, event_key)
) STRICT;
INSERT INTO notifications_new SELECT id, user_id, kind, event_key, subscription_id, client_id, days_before, end_date, message,
  created_at, read_at, emailed_at, email_status, email_attempts, email_next_attempt_at, email_last_error FROM notifications;
DROP TABLE notifications;
ALTER TABLE notifications_new RENAME TO notifications;
CREATE INDEX notifications_user_unread ON notifications(user_id, read_at);
CREATE INDEX notifications_email_due ON notifications(email_next_attempt_at) WHERE email_status = 'pending';

-- 2. An invoice keeps its parties' legal identities as they were when it was issued: a later change
--    of name or address never changes an issued document. legal_name is the legal name, else the
--    organisation's name in the console (NULL for a publisher without one: the document says "Éditeur").
ALTER TABLE invoices ADD COLUMN issuer_legal_name TEXT;
ALTER TABLE invoices ADD COLUMN issuer_address TEXT;
ALTER TABLE invoices ADD COLUMN issuer_siren TEXT;
ALTER TABLE invoices ADD COLUMN issuer_vat_number TEXT;
ALTER TABLE invoices ADD COLUMN buyer_legal_name TEXT;
ALTER TABLE invoices ADD COLUMN buyer_address TEXT;
ALTER TABLE invoices ADD COLUMN buyer_siren TEXT;
ALTER TABLE invoices ADD COLUMN buyer_vat_number TEXT;
-- Invoices issued before this migration take today's identities (the best there is). The
-- immutability trigger steps aside for this one backfill.
DROP TRIGGER invoices_immutable_update;
UPDATE invoices SET
  issuer_legal_name = (SELECT legal_name FROM publisher WHERE id = 1),
  issuer_address    = (SELECT address FROM publisher WHERE id = 1),
  issuer_siren      = (SELECT siren FROM publisher WHERE id = 1),
  issuer_vat_number = (SELECT vat_number FROM publisher WHERE id = 1)
WHERE issuer_type = 'publisher';
UPDATE invoices SET
  issuer_legal_name = (SELECT coalesce(p.legal_name, p.name) FROM partners p WHERE p.id = invoices.issuer_id),
  issuer_address    = (SELECT p.address FROM partners p WHERE p.id = invoices.issuer_id),
  issuer_siren      = (SELECT p.siren FROM partners p WHERE p.id = invoices.issuer_id),
  issuer_vat_number = (SELECT p.vat_number FROM partners p WHERE p.id = invoices.issuer_id)
WHERE issuer_type = 'partner';
UPDATE invoices SET
  buyer_legal_name = (SELECT coalesce(p.legal_name, p.name) FROM partners p WHERE p.id = invoices.buyer_id),
  buyer_address    = (SELECT p.address FROM partners p WHERE p.id = invoices.buyer_id),
  buyer_siren      = (SELECT p.siren FROM partners p WHERE p.id = invoices.buyer_id),
  buyer_vat_number = (SELECT p.vat_number FROM partners p WHERE p.id = invoices.buyer_id)
WHERE buyer_type = 'partner';
UPDATE invoices SET
  buyer_legal_name = (SELECT coalesce(r.legal_name, r.name) FROM resellers r WHERE r.id = invoices.buyer_id),
  buyer_address    = (SELECT r.address FROM resellers r WHERE r.id = invoices.buyer_id),
  buyer_siren      = (SELECT r.siren FROM resellers r WHERE r.id = invoices.buyer_id),
  buyer_vat_number = (SELECT r.vat_number FROM resellers r WHERE r.id = invoices.buyer_id)
WHERE buyer_type = 'reseller';
CREATE TRIGGER invoices_immutable_update BEFORE UPDATE ON invoices
BEGIN SELECT RAISE(ABORT, 'invoices are immutable'); END;
