import { sql, type SqlBool } from 'kysely';
import { statementsOf } from '../db/connection.ts';
import type { Term } from '../db/schema.ts';
import type { Tx } from './context.ts';

/** Terms that count: an undone term stays in the table for the ledger's sake only. */
export const LIVE_TERM = 'undone_at IS NULL';
export const liveTerms = (tx: Tx) => tx.selectFrom('terms').selectAll().where(sql.raw<SqlBool>(LIVE_TERM));

/** A subscription's live terms, in the order they were added (synchronous: see statementsOf). */
export const liveTermsOf = (tx: Tx, subscriptionId: number): Term[] =>
  statementsOf(tx).all<Term>(`SELECT * FROM terms WHERE ${LIVE_TERM} AND subscription_id = ? ORDER BY id`, subscriptionId);

/** The term that ends last among `terms`: what a renewal continues from. */
export const latestOf = <T extends { end_date: string }>(terms: readonly T[]): T | null =>
  terms.reduce<T | null>((latest, t) => (latest && latest.end_date >= t.end_date ? latest : t), null);

/** Until when something done now can be undone (an ISO instant), per the undo setting. */
export function undoDeadline(now: string, days: number): string {
  return new Date(Date.parse(now) + days * 86_400_000).toISOString();
}

export const stillUndoable = (deadline: string | null, now: string) => deadline !== null && Date.parse(deadline) > Date.parse(now);
