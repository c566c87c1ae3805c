-- Issue 13 (DESIGN §6): prices, discounts and identities, orders and their invoices. Money is
-- integer cents; a rate (discount, VAT) is a percentage with up to 2 decimals, converted to whole
-- hundredths before any arithmetic (server/src/domain/money.ts).

-- The publisher's price list: one licence-year of a product, excluding VAT, from valid_from on.
CREATE TABLE prices (
  id               INTEGER PRIMARY KEY,
  product_id       INTEGER NOT NULL REFERENCES products(id),
  unit_price_cents INTEGER NOT NULL CHECK (unit_price_cents >= 0),
  valid_from       TEXT NOT NULL,
  UNIQUE (product_id, valid_from)
) STRICT;

-- What a buyer's invoice needs, and the discount it buys at.
ALTER TABLE partners ADD COLUMN discount_percent REAL NOT NULL DEFAULT 0 CHECK (discount_percent BETWEEN 0 AND 100);
ALTER TABLE partners ADD COLUMN legal_name TEXT;
ALTER TABLE partners ADD COLUMN address TEXT;
ALTER TABLE partners ADD COLUMN siren TEXT;
ALTER TABLE partners ADD COLUMN vat_number TEXT;
ALTER TABLE resellers ADD COLUMN discount_percent REAL NOT NULL DEFAULT 0 CHECK (discount_percent BETWEEN 0 AND 100);
ALTER TABLE resellers ADD COLUMN legal_name TEXT;
ALTER TABLE resellers ADD COLUMN address TEXT;
ALTER TABLE resellers ADD COLUMN siren TEXT;
ALTER TABLE resellers ADD COLUMN vat_number TEXT;

-- The publisher's own identity: one row, written by its first PUT /api/publisher.
CREATE TABLE publisher (
  id         INTEGER PRIMARY KEY CHECK (id = 1),
  legal_name TEXT,
  address    TEXT,
  siren      TEXT,
  vat_number TEXT
) STRICT;

-- An order of a reseller to its partner, or of a partner to the publisher (supplier_id NULL).
-- partner_id and reseller_id say whose it is (the buyer's partner, the buying reseller), for scoping.
CREATE TABLE orders (
  id                   INTEGER PRIMARY KEY,
  buyer_type           TEXT NOT NULL CHECK (buyer_type IN ('partner','reseller')),
  buyer_id             INTEGER NOT NULL,
  supplier_type        TEXT NOT NULL CHECK (supplier_type IN ('publisher','partner')),
  supplier_id          INTEGER REFERENCES partners(id),
  partner_id           INTEGER NOT NULL REFERENCES partners(id),
  reseller_id          INTEGER REFERENCES resellers(id),
  status               TEXT NOT NULL DEFAULT 'submitted' CHECK (status IN ('submitted','fulfilled','refused','cancelled')),
  vat_rate_percent     REAL NOT NULL CHECK (vat_rate_percent BETWEEN 0 AND 100),
  total_excl_vat_cents INTEGER NOT NULL CHECK (total_excl_vat_cents >= 0),
  vat_cents            INTEGER NOT NULL CHECK (vat_cents >= 0),
  total_incl_vat_cents INTEGER NOT NULL CHECK (total_incl_vat_cents >= 0),
  reason               TEXT,
  invoice_id           INTEGER,
  created_by           TEXT NOT NULL,
  created_at           TEXT NOT NULL,
  decided_at           TEXT,
  decided_by           TEXT
) STRICT;
CREATE INDEX orders_partner ON orders(partner_id, reseller_id);
CREATE INDEX orders_status ON orders(status);

-- Prices frozen at submission.
CREATE TABLE order_lines (
  id               INTEGER PRIMARY KEY,
  order_id         INTEGER NOT NULL REFERENCES orders(id),
  product_id       INTEGER NOT NULL REFERENCES products(id),
  quantity         INTEGER NOT NULL CHECK (quantity >= 1),
  unit_price_cents INTEGER NOT NULL CHECK (unit_price_cents >= 0),
  total_cents      INTEGER NOT NULL CHECK (total_cents >= 0)
) STRICT;
CREATE INDEX order_lines_order ON order_lines(order_id);

-- Invoices and credit notes, immutable once written (the triggers below). Numbers run per issuer,
-- kind and year with no gap: invoice_counters holds the last one, taken in the issuing transaction.
CREATE TABLE invoices (
  id                   INTEGER PRIMARY KEY,
  number               TEXT NOT NULL,
  kind                 TEXT NOT NULL CHECK (kind IN ('invoice','credit_note')),
  issuer_type          TEXT NOT NULL CHECK (issuer_type IN ('publisher','partner')),
  issuer_id            INTEGER REFERENCES partners(id),
  issuer_key           TEXT NOT NULL,
  buyer_type           TEXT NOT NULL CHECK (buyer_type IN ('partner','reseller')),
  buyer_id             INTEGER NOT NULL,
  partner_id           INTEGER NOT NULL REFERENCES partners(id),
  reseller_id          INTEGER REFERENCES resellers(id),
  order_id             INTEGER NOT NULL REFERENCES orders(id),
  credited_invoice_id  INTEGER UNIQUE REFERENCES invoices(id),
  issued_on            TEXT NOT NULL,
  due_on               TEXT NOT NULL,
  vat_rate_percent     REAL NOT NULL,
  total_excl_vat_cents INTEGER NOT NULL CHECK (total_excl_vat_cents >= 0),
  vat_cents            INTEGER NOT NULL CHECK (vat_cents >= 0),
  total_incl_vat_cents INTEGER NOT NULL CHECK (total_incl_vat_cents >= 0),
  created_at           TEXT NOT NULL,
  UNIQUE (issuer_key, kind, number)
) STRICT;
CREATE INDEX invoices_partner ON invoices(partner_id, reseller_id);
CREATE INDEX invoices_order ON invoices(order_id);

CREATE TABLE invoice_lines (
  id               INTEGER PRIMARY KEY,
  invoice_id       INTEGER NOT NULL REFERENCES invoices(id),
  product_id       INTEGER NOT NULL REFERENCES products(id),
  quantity         INTEGER NOT NULL CHECK (quantity >= 1),
  unit_price_cents INTEGER NOT NULL CHECK (unit_price_cents >= 0),
  total_cents      INTEGER NOT NULL CHECK (total_cents >= 0)
) STRICT;
CREATE INDEX invoice_lines_invoice ON invoice_lines(invoice_id);

CREATE TABLE invoice_counters (
  issuer_key  TEXT NOT NULL,
  kind        TEXT NOT NULL CHECK (kind IN ('invoice','credit_note')),
  year        INTEGER NOT NULL,
  last_number INTEGER NOT NULL CHECK (last_number >= 1),
  PRIMARY KEY (issuer_key, kind, year)
) STRICT;

CREATE TRIGGER invoices_immutable_update BEFORE UPDATE ON invoices
BEGIN SELECT RAISE(ABORT, 'invoices are immutable'); END;
CREATE TRIGGER invoices_immutable_delete BEFORE DELETE ON invoices
BEGIN SELECT RAISE(ABORT, 'invoices are immutable'); END;
CREATE TRIGGER invoice_lines_immutable_update BEFORE UPDATE ON invoice_lines
BEGIN SELECT RAISE(ABORT, 'invoices are immutable'); END;
CREATE TRIGGER invoice_lines_immutable_delete BEFORE DELETE ON invoice_lines
BEGIN SELECT RAISE(ABORT, 'invoices are immutable'); END;
