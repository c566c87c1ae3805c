-- Issue 12: a client's own reference ("Référence client"), optional, unique per manager whatever its
-- case. reference_key is the folded reference prefixed with the manager (r<reseller id> or
-- p<partner id>): one plain unique index says "unique per manager" in both dialects; an undone
-- (archived) client frees its reference.
ALTER TABLE clients ADD COLUMN reference TEXT;
ALTER TABLE clients ADD COLUMN reference_key TEXT;
CREATE UNIQUE INDEX clients_reference_key ON clients(reference_key) WHERE reference_key IS NOT NULL AND archived = 0;
