-- The ledger is append-only: 0001 refused UPDATE on movements; DELETE is refused too, so that no
-- statement (a slip in the code, a hand-typed fix) can remove a license movement. Retention never
-- prunes the ledger.
CREATE FUNCTION movements_refuse_delete() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'movements are immutable: ledger rows can be neither updated nor deleted';
END;
$$;
CREATE TRIGGER movements_immutable_delete BEFORE DELETE ON movements
FOR EACH ROW EXECUTE FUNCTION movements_refuse_delete();
-- PostgreSQL alone has TRUNCATE, which fires no row trigger: refused the same way.
CREATE TRIGGER movements_immutable_truncate BEFORE TRUNCATE ON movements
FOR EACH STATEMENT EXECUTE FUNCTION movements_refuse_delete();
