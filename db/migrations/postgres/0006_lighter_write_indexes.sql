-- Every index a renewal changes is a page or two more written to the WAL at its commit.
-- status_until and latest_end are read once a day (the day's roll, auto-renewal, reminders): a scan
-- of the subscriptions then costs less than keeping two indexes current on every renewal.
DROP INDEX subscriptions_until;
DROP INDEX subscriptions_latest_end;
-- The to-renew lists hold only to_renew = 1 rows: a partial index on the end date answers them, and
-- a renewal deletes one entry instead of moving it between the 1 and 0 halves of an index.
DROP INDEX clients_to_renew_end;
DROP INDEX subscriptions_to_renew_end;
CREATE INDEX clients_to_renew_end ON clients(end_date) WHERE to_renew = 1 AND archived = 0;
CREATE INDEX subscriptions_to_renew_end ON subscriptions(end_date) WHERE to_renew = 1 AND archived = 0;
