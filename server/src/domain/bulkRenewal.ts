import { inScope } from './access.ts';
import type { ActionContext } from './context.ts';
import { transact, type Db, type Tx } from '../data/transact.ts';
import { AppError } from './errors.ts';
import { IdempotencyInProgressError, type Steps } from './idempotency.ts';
import { quoteRenewal, renewSubscription } from './subscriptions.ts';

/**
 * Renewing several subscriptions of the to-renew list at once: first the cost against each pool,
 * then each renewal in its own transaction, so one short pool fails only its own renewals.
 */

/** The ids among `ids` the caller sees, in the order given. */
async function visibleIds(db: Db, ctx: ActionContext, ids: number[]): Promise<Set<number>> {
  const rows = await db
    .selectFrom('subscriptions')
    .select('id')
    .where('id', 'in', ids)
    .where('archived', '=', 0)
    .where(inScope(ctx.scope, 'subscriptions.partner_id', 'subscriptions.reseller_id'))
    .execute();
  return new Set(rows.map((r) => r.id));
}

/** Reads only; run inside a transaction (the quotes read the pools synchronously). */
export async function bulkRenewalQuote(db: Tx, ctx: ActionContext, ids: number[], years: number) {
  const visible = await visibleIds(db, ctx, ids);
  const subscriptions = [];
  const pools = new Map<string, { pool_id: number | null; manager_name: string; product_id: number; balance: number; cost: number; remaining_after: number }>();
  for (const id of ids.filter((i) => visible.has(i))) {
    const quote = await quoteRenewal(db, ctx, id, { years });
    const sub = quote.subscription;
    const key = `${quote.manager.partnerId}/${quote.manager.resellerId}/${sub.product_id}`;
    const pool = pools.get(key) ?? { pool_id: quote.pool_id, manager_name: quote.manager_name, product_id: sub.product_id, balance: quote.balance, cost: 0, remaining_after: quote.balance };
    pool.cost += quote.cost;
    pool.remaining_after = pool.balance - pool.cost;
    pools.set(key, pool);
    subscriptions.push({ id, client_name: quote.client_name, seats: quote.seats, years, cost: quote.cost, start_date: quote.start_date, end_date: quote.end_date, pool_id: quote.pool_id });
  }
  return { subscriptions, pools: [...pools.values()], not_found: ids.filter((i) => !visible.has(i)) };
}

export interface BulkResult {
  id: number;
  status: number;
  message?: string;
  code?: string;
  details?: Record<string, number | string>;
  remaining_after?: number;
  end_date?: string;
}

/**
 * Renews each subscription in its own transaction, which also records the result under the
 * request's idempotency key (`steps`), so a repeated or resumed request never renews one twice.
 * A refusal (short pool, not found) or an unexpected error is that line's result; the others go on.
 */
export async function renewEach(
  db: Db,
  ctx: ActionContext,
  ids: number[],
  years: number,
  steps: Steps<BulkResult>,
  onUnexpectedError: (id: number, error: unknown) => void,
): Promise<BulkResult[]> {
  const visible = await visibleIds(db, ctx, ids);
  const results: BulkResult[] = [];
  const recordAlone = (result: BulkResult) => transact(db, (tx) => steps.record(tx, result.id, result));
  for (const id of new Set(ids)) {
    const done = steps.done.get(id);
    if (done) {
      results.push(done);
      continue;
    }
    let result: BulkResult;
    if (!visible.has(id)) {
      result = { id, status: 404, message: `Subscription ${id} not found`, code: 'not_found' };
      await recordAlone(result);
      results.push(result);
      continue;
    }
    try {
      result = await transact(db, async (tx) => {
        const { remaining_after, end_date } = await renewSubscription(tx, ctx, id, { years });
        const renewed: BulkResult = { id, status: 201, remaining_after, end_date };
        await steps.record(tx, id, renewed);
        return renewed;
      });
    } catch (error) {
      // Another run took the key over: it goes on from what committed; this one stops.
      if (error instanceof IdempotencyInProgressError) throw error;
      if (error instanceof AppError) {
        const { message, code, details } = error.toBody();
        result = { id, status: error.status, message, ...(code ? { code } : {}), ...(details ? { details } : {}) };
      } else {
        onUnexpectedError(id, error);
        result = { id, status: 500, message: 'Unexpected error: this subscription was not renewed', code: 'internal_error' };
      }
      await recordAlone(result);
    }
    results.push(result);
  }
  return results;
}
