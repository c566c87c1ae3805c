import type { Tx } from './context.ts';

/** Terms that count: an undone term stays in the table for the ledger's sake only. */
export const liveTerms = (tx: Tx) => tx.selectFrom('terms').selectAll().where('undone_at', 'is', null);

/** The term that ends last: what a renewal continues from. */
export const latestTerm = (tx: Tx, subscriptionId: number) =>
  liveTerms(tx).where('subscription_id', '=', subscriptionId).orderBy('end_date', 'desc').limit(1).executeTakeFirst();

/** Until when something done now can be undone (an ISO instant), per the undo setting. */
export function undoDeadline(now: string, days: number): string {
  return new Date(Date.parse(now) + days * 86_400_000).toISOString();
}

export const stillUndoable = (deadline: string | null, now: string) => deadline !== null && Date.parse(deadline) > Date.parse(now);
