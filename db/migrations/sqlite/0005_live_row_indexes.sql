-- Lists, counts and the dashboard only ever read live rows (archived = 0): partial indexes that
-- know it answer them without visiting the table, and cover the dashboard's sums.
DROP INDEX clients_status_end;
DROP INDEX clients_to_renew_end;
DROP INDEX clients_end;
DROP INDEX subscriptions_status_end;
DROP INDEX subscriptions_to_renew_end;
DROP INDEX subscriptions_end;
CREATE INDEX clients_status_end ON clients(status, end_date) WHERE archived = 0;
CREATE INDEX clients_to_renew_end ON clients(to_renew, end_date) WHERE archived = 0;
CREATE INDEX clients_end ON clients(end_date) WHERE archived = 0;
CREATE INDEX subscriptions_status_end ON subscriptions(status, end_date, seats) WHERE archived = 0;
CREATE INDEX subscriptions_to_renew_end ON subscriptions(to_renew, end_date) WHERE archived = 0;
CREATE INDEX subscriptions_end ON subscriptions(end_date) WHERE archived = 0;

-- `q` is a substring search: trigram full-text indexes answer LIKE '%text%' (3+ characters)
-- without scanning every name. They follow the tables through triggers.
CREATE VIRTUAL TABLE clients_search USING fts5(search_name, content='clients', content_rowid='id', tokenize='trigram');
INSERT INTO clients_search(rowid, search_name) SELECT id, search_name FROM clients;
CREATE TRIGGER clients_search_insert AFTER INSERT ON clients BEGIN
  INSERT INTO clients_search(rowid, search_name) VALUES (new.id, new.search_name);
END;
CREATE TRIGGER clients_search_delete AFTER DELETE ON clients BEGIN
  INSERT INTO clients_search(clients_search, rowid, search_name) VALUES ('delete', old.id, old.search_name);
END;
CREATE TRIGGER clients_search_update AFTER UPDATE OF search_name ON clients BEGIN
  INSERT INTO clients_search(clients_search, rowid, search_name) VALUES ('delete', old.id, old.search_name);
  INSERT INTO clients_search(rowid, search_name) VALUES (new.id, new.search_name);
END;
