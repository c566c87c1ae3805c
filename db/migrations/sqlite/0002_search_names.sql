-- Accent- and case-insensitive search (`q`): SQLite's LIKE folds ASCII only, so each searchable
-- row keeps a folded copy of its names, written by the application (server/src/domain/search.ts).
ALTER TABLE products ADD COLUMN search_name TEXT NOT NULL DEFAULT '';
ALTER TABLE partners ADD COLUMN search_name TEXT NOT NULL DEFAULT '';
ALTER TABLE resellers ADD COLUMN search_name TEXT NOT NULL DEFAULT '';
ALTER TABLE clients ADD COLUMN search_name TEXT NOT NULL DEFAULT '';
ALTER TABLE subscriptions ADD COLUMN search_name TEXT NOT NULL DEFAULT '';
