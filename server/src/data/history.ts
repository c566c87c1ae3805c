import type { Tx } from './transact.ts';

/** What a subscription's history is made of: every term (undone ones too), its seat changes and the ledger rows of both. */
export async function historyRows(tx: Tx, subscriptionId: number) {
  const [terms, seatChanges, movements] = await Promise.all([
    tx.selectFrom('terms').selectAll().where('subscription_id', '=', subscriptionId).orderBy('id').execute(),
    tx.selectFrom('seat_changes').selectAll().where('subscription_id', '=', subscriptionId).orderBy('id').execute(),
    tx
      .selectFrom('movements')
      .select(['id', 'kind', 'term_id', 'quantity', 'actor', 'created_at'])
      .where('subscription_id', '=', subscriptionId)
      .where('kind', 'in', ['consume', 'adjust'])
      .orderBy('id')
      .execute(),
  ]);
  return { terms, seatChanges, movements };
}

/** The display names of the logins among `emails` (actors are recorded by e-mail). */
export async function loginNames(tx: Tx, emails: readonly string[]): Promise<Map<string, string>> {
  const unique = [...new Set(emails)];
  if (unique.length === 0) return new Map();
  const rows = await tx.selectFrom('users').select(['email', 'name']).where('email', 'in', unique).execute();
  return new Map(rows.map((r) => [r.email, r.name]));
}
