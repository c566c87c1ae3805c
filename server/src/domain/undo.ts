import { sql, type SqlBool } from 'kysely';
import { recordChangeOf } from './changes.ts';
import type { ActionContext } from './context.ts';
import type { Tx } from '../data/transact.ts';
import { refreshSubscriptions } from './derived.ts';
import { AppError } from './errors.ts';
import { move } from './ledger.ts';
import { loadSubscription } from './subscriptions.ts';
import { latestOf, stillUndoable } from './terms.ts';
import { LIVE_TERM, liveTermsOf, lockClient } from '../data/subscriptions.ts';
import { loadClient } from './clients.ts';

/**
 * Undo (DESIGN §2): a renewal or a client creation can be undone within the undo window; the
 * licenses its terms consumed go back to the pools they came from through `adjust` movements, and
 * the terms stop counting. After the window, or once something happened since, the answer is 409.
 */

export class UndoRefusedError extends AppError {
  constructor(message: string) {
    super(409, message);
    this.code = 'undo_refused';
  }
}

/** Gives back to each pool what the given terms consumed (seat additions included), then retires the terms. */
async function giveBack(tx: Tx, ctx: ActionContext, termIds: number[], reason: string): Promise<number> {
  const consumed = await tx
    .selectFrom('movements')
    .select(['from_pool_id', 'product_id', 'subscription_id', 'client_id', 'term_id', sql<number>`sum(quantity)`.as('quantity')])
    .where('kind', '=', 'consume')
    .where('term_id', 'in', termIds)
    .groupBy(['from_pool_id', 'product_id', 'subscription_id', 'client_id', 'term_id'])
    .execute();
  let returned = 0;
  for (const c of consumed) {
    await move(tx, ctx, {
      kind: 'adjust',
      productId: c.product_id,
      quantity: Number(c.quantity),
      fromPoolId: null,
      toPoolId: c.from_pool_id,
      subscriptionId: c.subscription_id,
      clientId: c.client_id,
      termId: c.term_id,
      reason,
    });
    returned += Number(c.quantity);
  }
  await tx.updateTable('terms').set({ undone_at: ctx.now }).where('id', 'in', termIds).execute();
  return returned;
}

/** Undoes the latest renewal of a subscription, if still within its window. */
export async function undoRenewal(tx: Tx, ctx: ActionContext, subscriptionId: number): Promise<{ returned: number }> {
  await lockClient(tx, { subscriptionId });
  const sub = await loadSubscription(tx, subscriptionId, ctx.scope);
  const terms = await liveTermsOf(tx, subscriptionId);
  const latest = latestOf(terms);
  if (!latest || latest.origin === 'creation' || !stillUndoable(sub.undo_until, ctx.now)) {
    throw new UndoRefusedError('This subscription has no renewal that can still be undone');
  }
  const returned = await giveBack(tx, ctx, [latest.id], `Annulation du renouvellement (période ${latest.start_date} → ${latest.end_date})`);
  await tx.updateTable('subscriptions').set({ undo_until: null }).where('id', '=', subscriptionId).execute();
  await refreshSubscriptions(tx, [subscriptionId], ctx.today);
  // The undo takes the subscription's last day back to the previous term's.
  const endBefore = latestOf(terms.filter((t) => t.id !== latest.id))?.end_date ?? null;
  await recordChangeOf(tx, ctx, 'subscriptions', sub, 'undo_renewal', { latest_end: { from: latest.end_date, to: endBefore } });
  return { returned };
}

/** Undoes a client's creation: every license back, the client and its subscriptions leave the lists. */
export async function undoClientCreation(tx: Tx, ctx: ActionContext, clientId: number): Promise<{ returned: number }> {
  await lockClient(tx, { clientId });
  const client = await loadClient(tx, clientId, ctx.scope);
  const terms = await tx
    .selectFrom('terms')
    .where(sql.raw<SqlBool>(LIVE_TERM))
    .innerJoin('subscriptions', 'subscriptions.id', 'terms.subscription_id')
    .where('subscriptions.client_id', '=', clientId)
    .select(['terms.id as term_id', 'terms.origin as term_origin'])
    .execute();
  if (!stillUndoable(client.undo_until, ctx.now) || terms.some((t) => t.term_origin !== 'creation')) {
    throw new UndoRefusedError("This client's creation can no longer be undone");
  }
  const returned = await giveBack(tx, ctx, terms.map((t) => t.term_id), `Annulation de la création du client ${client.name}`);
  await tx.updateTable('clients').set({ archived: 1, undo_until: null, to_renew: 0 }).where('id', '=', clientId).execute();
  await tx.updateTable('subscriptions').set({ archived: 1, undo_until: null, to_renew: 0 }).where('client_id', '=', clientId).execute();
  await recordChangeOf(tx, ctx, 'clients', client, 'undo_creation', { archived: { from: false, to: true } });
  return { returned };
}
