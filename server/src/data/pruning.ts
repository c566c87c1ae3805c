import { sql, type RawBuilder } from 'kysely';
import type { Db } from './transact.ts';

/** Deletes in slices, so that a first prune of a large table never holds the write lock for long. */
const SLICE = 5_000;

/** The tables the daily job prunes (domain/retention.ts), by their primary key. */
const KEYS = {
  idempotency_keys: ['login_id', 'key'],
  sessions: ['token_hash'],
  access_log: ['id'],
  changes: ['id'],
  rate_limits: ['key'],
} as const;

export type PrunedTable = keyof typeof KEYS;

/** Deletes the rows of `table` matching `olderThan`, a slice at a time; resolves to how many went. */
export async function deleteInSlices(db: Db, table: PrunedTable, olderThan: RawBuilder<unknown>): Promise<number> {
  const key = sql.join(KEYS[table].map((column) => sql.ref(column)));
  let deleted = 0;
  for (;;) {
    // A row value of the primary key: both databases read it, and neither needs SQLite's rowid.
    const result = await sql`DELETE FROM ${sql.table(table)} WHERE (${key}) IN (
      SELECT ${key} FROM ${sql.table(table)} WHERE ${olderThan} LIMIT ${SLICE})`.execute(db);
    const n = Number(result.numAffectedRows ?? 0n);
    deleted += n;
    if (n < SLICE) return deleted;
  }
}
