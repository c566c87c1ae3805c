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

-- SQLite adds its fts5 trigram index over clients' search names here; on PostgreSQL the GIN
-- trigram indexes of 0002 already answer `q`, and need no triggers.
