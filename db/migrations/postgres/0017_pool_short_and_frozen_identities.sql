-- Issue 13's remainder.
-- 1. A pool that cannot pay its auto-renewals due within 14 days is notified (kind 'pool_short',
--    domain/poolShortfall.ts).
ALTER TABLE notifications DROP CONSTRAINT notifications_kind_check;
ALTER TABLE notifications ADD CONSTRAINT notifications_kind_check CHECK (kind IN ('reminder', 'auto_renew_failed', 'pool_short'));

-- 2. An invoice keeps its parties' legal identities as they were when it was issued: a later change
--    of name or address never changes an issued document. legal_name is the legal name, else the
--    organisation's name in the console (NULL for a publisher without one: the document says "Éditeur").
ALTER TABLE invoices ADD COLUMN issuer_legal_name text;
ALTER TABLE invoices ADD COLUMN issuer_address text;
ALTER TABLE invoices ADD COLUMN issuer_siren text;
ALTER TABLE invoices ADD COLUMN issuer_vat_number text;
ALTER TABLE invoices ADD COLUMN buyer_legal_name text;
ALTER TABLE invoices ADD COLUMN buyer_address text;
ALTER TABLE invoices ADD COLUMN buyer_siren text;
ALTER TABLE invoices ADD COLUMN buyer_vat_number text;
-- Invoices issued before this migration take today's identities (the best there is). The
-- immutability trigger steps aside for this one backfill.
ALTER TABLE invoices DISABLE TRIGGER invoices_immutable_update;
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
ALTER TABLE invoices ENABLE TRIGGER invoices_immutable_update;
