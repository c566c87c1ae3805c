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

/** One line of a bulk renewal: a subscription and its years (none: its latest term's, as a single quote does). */
export interface BulkLine {
  id: number;
  years?: number;
}

type Names = { client_name: string; product_name: string };

/** The names of the subscriptions among `ids` the caller sees; the others are missing from the map. */
async function visibleSubscriptions(db: Db, ctx: ActionContext, ids: number[]): Promise<Map<number, Names>> {
  const rows = await db
    .selectFrom('subscriptions')
    .innerJoin('products', 'products.id', 'subscriptions.product_id')
    .select(['subscriptions.id', 'subscriptions.client_name', 'products.name as product_name'])
    .where('subscriptions.id', 'in', ids)
    .where('subscriptions.archived', '=', 0)
    .where(inScope(ctx.scope, 'subscriptions.partner_id', 'subscriptions.reseller_id'))
    .execute();
  return new Map(rows.map(({ id, ...names }) => [id, names]));
}

/** Reads only; run inside a transaction (the quotes read the pools synchronously). */
export async function bulkRenewalQuote(db: Tx, ctx: ActionContext, lines: BulkLine[]) {
  const ids = lines.map((line) => line.id);
  const visible = await visibleSubscriptions(db, ctx, ids);
  const subscriptions = [];
  const pools = new Map<string, { pool_id: number | null; manager_name: string; product_id: number; balance: number; cost: number; remaining_after: number }>();
  for (const { id, years } of lines.filter((line) => visible.has(line.id))) {
    const quote = await quoteRenewal(db, ctx, id, { years });
    const { product_name } = visible.get(id)!;
    const sub = quote.subscription;
    const key = `${quote.manager.partnerId}/${quote.manager.resellerId}/${sub.product_id}`;
    const pool = pools.get(key) ?? { pool_id: quote.pool_id, manager_name: quote.manager_name, product_id: sub.product_id, balance: quote.balance, cost: 0, remaining_after: quote.balance };
    pool.cost += quote.cost;
    pool.remaining_after = pool.balance - pool.cost;
    pools.set(key, pool);
    const { client_name, seats, cost, start_date, end_date, pool_id } = quote;
    subscriptions.push({ id, client_name, product_name, seats, years: quote.years, cost, start_date, end_date, pool_id });
  }
  return { subscriptions, pools: [...pools.values()], not_found: ids.filter((i) => !visible.has(i)) };
}

export interface BulkResult {
  id: number;
  status: number;
  message?: string;
  code?: string;
  details?: Record<string, number | string>;
  client_name?: string;
  product_name?: string;
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
  lines: BulkLine[],
  steps: Steps<BulkResult>,
  onUnexpectedError: (id: number, error: unknown) => void,
): Promise<BulkResult[]> {
  const visible = await visibleSubscriptions(db, ctx, lines.map((line) => line.id));
  const results: BulkResult[] = [];
  const recordAlone = (result: BulkResult) => transact(db, (tx) => steps.record(tx, result.id, result));
  for (const { id, years } of lines) {
    const done = steps.done.get(id);
    if (done) {
      results.push(done);
      continue;
    }
    let result: BulkResult;
    const names = visible.get(id);
    if (!names) {
      result = { id, status: 404, message: `Subscription ${id} not found`, code: 'not_found' };
      await recordAlone(result);
      results.push(result);
      continue;
    }
    try {
      result = await transact(db, async (tx) => {
        const { remaining_after, term } = await renewSubscription(tx, ctx, id, { years });
        const renewed: BulkResult = { id, status: 201, ...names, remaining_after, end_date: term.end_date };
        await steps.record(tx, id, renewed);
        return renewed;
      });
    } catch (error) {
      // Another run took the key over: it goes on from what committed; this one stops.
      if (error instanceof IdempotencyInProgressError) throw error;
      if (error instanceof AppError) {
        const { message, code, details } = error.toBody();
        result = { id, status: error.status, ...names, message, ...(code ? { code } : {}), ...(details ? { details } : {}) };
      } else {
        onUnexpectedError(id, error);
        result = { id, status: 500, ...names, message: 'Unexpected error: this subscription was not renewed', code: 'internal_error' };
      }
      await recordAlone(result);
    }
    results.push(result);
  }
  return results;
}
