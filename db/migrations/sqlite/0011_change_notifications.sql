-- PostgreSQL's twin of this migration adds change notifications (triggers NOTIFYing cascade_changes)
-- so that each server learns of other processes' writes. SQLite needs nothing: a connection's
-- data_version pragma changes when another connection commits (db/connection.ts).
SELECT 1;
