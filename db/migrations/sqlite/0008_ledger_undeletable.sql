-- The ledger is append-only: 0001 refused UPDATE on movements; DELETE is refused too, so that no
-- statement (a slip in the code, a hand-typed fix) can remove a license movement. Retention never
-- prunes the ledger.
CREATE TRIGGER movements_immutable_delete BEFORE DELETE ON movements
BEGIN SELECT RAISE(ABORT, 'movements are immutable: ledger rows can be neither updated nor deleted'); END;
