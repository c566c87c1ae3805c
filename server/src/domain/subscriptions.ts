import type { ActionContext, Tx } from './context.ts';
import { refreshSubscriptions } from './derived.ts';
import { NotFoundError, ValidationError } from './errors.ts';
import { managerOfClient, type Manager } from './hierarchy.ts';
import { findPool, move, poolFor } from './ledger.ts';
import { seatChangeCost } from './proration.ts';
import { planRenewal, type RenewalPlan } from './renewal.ts';
import { subscriptionState } from './status.ts';
import { recordChange } from './changes.ts';

async function loadSubscription(tx: Tx, id: number) {
  const sub = await tx.selectFrom('subscriptions').selectAll().where('id', '=', id).executeTakeFirst();
  if (!sub) throw new NotFoundError('Subscription', id);
  return sub;
}

async function latestTerm(tx: Tx, subscriptionId: number) {
  return tx
    .selectFrom('terms')
    .selectAll()
    .where('subscription_id', '=', subscriptionId)
    .orderBy('end_date', 'desc')
    .limit(1)
    .executeTakeFirst();
}

export interface RenewalQuote extends RenewalPlan {
  /** Null while the manager has never held this product (its balance is then 0). */
  pool_id: number | null;
  balance: number;
  manager_name: string;
  client_name: string;
}

/** What a renewal would cost and leave; `seats` defaults to the latest term's. Reads only. */
export async function quoteRenewal(
  tx: Tx,
  today: string,
  id: number,
  input: { years: number; seats?: number },
): Promise<RenewalQuote & { manager: Manager; seats: number }> {
  const sub = await loadSubscription(tx, id);
  const latest = await latestTerm(tx, id);
  const manager = await managerOfClient(tx, sub.client_id);
  const pool = await findPool(tx, manager, sub.product_id);
  const balance = pool?.balance ?? 0;
  const seats = input.seats ?? latest?.seats ?? 1;
  const plan = planRenewal({ latestEnd: latest?.end_date ?? null, today, years: input.years, seats, balance });
  return {
    pool_id: pool?.id ?? null,
    balance,
    manager_name: manager.name,
    client_name: sub.client_name,
    ...plan,
    manager,
    seats,
  };
}

/**
 * Renews a subscription (DESIGN §2): one transaction that debits the manager's pool if it can
 * pay (409 otherwise), records the ledger row, appends the term and clears `cancelled`.
 */
export async function renewSubscription(
  tx: Tx,
  ctx: ActionContext,
  id: number,
  input: { years: number; seats?: number },
): Promise<{ remaining_after: number; termId: number }> {
  const quote = await quoteRenewal(tx, ctx.today, id, input);
  const { id: termId } = await tx
    .insertInto('terms')
    .values({
      subscription_id: id,
      start_date: quote.start_date,
      end_date: quote.end_date,
      years: input.years,
      seats: quote.seats,
      created_at: ctx.now,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  const sub = await loadSubscription(tx, id);
  const { remaining } = await move(tx, ctx, {
    kind: 'consume',
    productId: sub.product_id,
    quantity: quote.cost,
    fromPoolId: quote.pool_id ?? (await poolFor(tx, quote.manager, sub.product_id)).id,
    toPoolId: null,
    subscriptionId: id,
    clientId: sub.client_id,
    termId,
  });
  await tx.updateTable('subscriptions').set({ cancelled: 0 }).where('id', '=', id).execute();
  await refreshSubscriptions(tx, [id], ctx.today);
  return { remaining_after: remaining!, termId };
}

/**
 * Changes the seats of the current term. Adding seats costs the prorated licenses
 * (DESIGN §2); removing seats takes effect at once and refunds nothing.
 */
export async function changeSeats(
  tx: Tx,
  ctx: ActionContext,
  id: number,
  seats: number,
): Promise<{ cost: number; remaining_after: number | null }> {
  const sub = await loadSubscription(tx, id);
  const terms = await tx.selectFrom('terms').selectAll().where('subscription_id', '=', id).execute();
  const current = subscriptionState(terms, sub.cancelled === 1, ctx.today).shown;
  if (!current || current.start_date > ctx.today || current.end_date < ctx.today) {
    throw new ValidationError('The subscription has no term running today', { seats: 'No current term' });
  }
  const cost = seatChangeCost({
    addedSeats: seats - current.seats,
    years: current.years,
    termStart: current.start_date,
    termEnd: current.end_date,
    today: ctx.today,
  });
  let remaining: number | null = null;
  if (cost > 0) {
    const manager = await managerOfClient(tx, sub.client_id);
    const pool = await poolFor(tx, manager, sub.product_id);
    ({ remaining } = await move(tx, ctx, {
      kind: 'consume',
      productId: sub.product_id,
      quantity: cost,
      fromPoolId: pool.id,
      toPoolId: null,
      subscriptionId: id,
      clientId: sub.client_id,
      termId: current.id,
      reason: `seats ${current.seats} → ${seats}`,
    }));
  }
  await tx.updateTable('terms').set({ seats }).where('id', '=', current.id).execute();
  await refreshSubscriptions(tx, [id], ctx.today);
  return { cost, remaining_after: remaining };
}

/** The toggles a user may set on a subscription. */
export async function updateSubscriptionFlags(
  tx: Tx,
  ctx: ActionContext,
  id: number,
  flags: { auto_renew?: boolean; cancelled?: boolean },
): Promise<void> {
  const set: { auto_renew?: number; cancelled?: number } = {};
  if (flags.auto_renew !== undefined) set.auto_renew = flags.auto_renew ? 1 : 0;
  if (flags.cancelled !== undefined) set.cancelled = flags.cancelled ? 1 : 0;
  if (Object.keys(set).length === 0) return;
  const sub = await loadSubscription(tx, id);
  await tx.updateTable('subscriptions').set(set).where('id', '=', id).execute();
  await refreshSubscriptions(tx, [id], ctx.today);
  await recordChange(tx, ctx, {
    action: 'update',
    resource: 'subscriptions',
    recordId: id,
    organisation: { partnerId: sub.partner_id, resellerId: sub.reseller_id },
    data: flags,
  });
}
