-- Issue 12: each login's language (the console's, and that of the text the server makes for it:
-- exports, notifications, e-mails). French first.
ALTER TABLE users ADD COLUMN locale TEXT NOT NULL DEFAULT 'fr' CHECK (locale IN ('fr', 'en'));
