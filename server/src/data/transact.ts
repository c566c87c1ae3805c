import { PostgresAdapter } from 'kysely';
import type { Db, Transact, Tx } from '../db/handles.ts';
import { commitsSettled as sqliteCommitsSettled, groupCommit } from './groupCommit.ts';

export type { Db, Transact, Tx };

export const isPostgres = (db: Db) => db.getExecutor().adapter instanceof PostgresAdapter;

/**
 * PostgreSQL aborts one of two transactions that wait on each other's rows (deadlock_detected), or
 * that a serializable snapshot cannot order (serialization_failure): nothing of it was written, so
 * it runs again. Allocations lock a partner's and a reseller's pool in either order, for one.
 */
const RETRIED = new Set(['40P01', '40001']);
const ATTEMPTS = 5;

async function retryingTransaction<T>(db: Db, action: (tx: Tx) => Promise<T>): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await db.transaction().execute(action);
    } catch (error) {
      const code = (error as { code?: unknown }).code;
      if (attempt >= ATTEMPTS || typeof code !== 'string' || !RETRIED.has(code)) throw error;
      await new Promise((resolve) => setTimeout(resolve, Math.random() * 10 * attempt));
    }
  }
}

/**
 * The one transaction policy. On SQLite, whose writers take turns anyway, actions arriving together
 * share one commit (group commit); on PostgreSQL each has its own transaction on a pooled connection,
 * and the database's row locks make concurrent ones wait where they touch the same rows.
 */
export function transact<T>(db: Db, action: (tx: Tx) => Promise<T>): Promise<T> {
  return isPostgres(db) ? retryingTransaction(db, action) : groupCommit(db)(action);
}

/** `transact` bound to a database, for code handed a way to run transactions. */
export const transactionsOf = (db: Db): Transact => (action) => transact(db, action);

/**
 * Resolves once every accepted write has committed or rolled back, so that a shutdown closes the
 * database after them. PostgreSQL's pool waits for its checked-out connections when it ends.
 */
export const commitsSettled = (db: Db): Promise<void> => (isPostgres(db) ? Promise.resolve() : sqliteCommitsSettled(db));
