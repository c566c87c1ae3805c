-- Accent- and case-insensitive search (`q`): each searchable row keeps a folded copy of its names,
-- written by the application (server/src/domain/search.ts), as on SQLite.
ALTER TABLE products ADD COLUMN search_name text NOT NULL DEFAULT '';
ALTER TABLE partners ADD COLUMN search_name text NOT NULL DEFAULT '';
ALTER TABLE resellers ADD COLUMN search_name text NOT NULL DEFAULT '';
ALTER TABLE clients ADD COLUMN search_name text NOT NULL DEFAULT '';
ALTER TABLE subscriptions ADD COLUMN search_name text NOT NULL DEFAULT '';

-- `q` is a substring search (LIKE '%text%'): trigram GIN indexes answer it without a scan.
-- (SQLite keeps its own fts5 trigram index, ../sqlite/0005.) pg_trgm is a trusted extension:
-- the database's owner may create it, no superuser needed.
CREATE EXTENSION IF NOT EXISTS pg_trgm;
CREATE INDEX products_search_trgm ON products USING gin (search_name gin_trgm_ops);
CREATE INDEX partners_search_trgm ON partners USING gin (search_name gin_trgm_ops);
CREATE INDEX resellers_search_trgm ON resellers USING gin (search_name gin_trgm_ops);
CREATE INDEX clients_search_trgm ON clients USING gin (search_name gin_trgm_ops);
CREATE INDEX subscriptions_search_trgm ON subscriptions USING gin (search_name gin_trgm_ops);
