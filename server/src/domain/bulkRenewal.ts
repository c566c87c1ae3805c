import { sql, type SqlBool } from 'kysely';
import { byOrganisation } from './access.ts';
import type { ActionContext, Tx } from './context.ts';
import { AppError } from './errors.ts';
import { quoteRenewal, renewSubscription } from './subscriptions.ts';

/**
 * Renewing several subscriptions of the to-renew list at once: first the cost against each pool,
 * then each renewal in its own transaction, so one short pool fails only its own renewals.
 */

/** The ids among `ids` the caller sees, in the order given. */
async function visibleIds(db: Tx, ctx: ActionContext, ids: number[]): Promise<Set<number>> {
  const rows = await db
    .selectFrom('subscriptions')
    .select('id')
    .where('id', 'in', ids)
    .where('archived', '=', 0)
    .where(byOrganisation(ctx.scope, 'subscriptions.partner_id', 'subscriptions.reseller_id') ?? sql<SqlBool>`1`)
    .execute();
  return new Set(rows.map((r) => r.id));
}

/** Reads only; run inside a transaction (the quotes read the pools synchronously). */
export async function bulkRenewalQuote(db: Tx, ctx: ActionContext, ids: number[], years: number) {
  const visible = await visibleIds(db, ctx, ids);
  const subscriptions = [];
  const pools = new Map<string, { pool_id: number | null; manager_name: string; product_id: number; balance: number; cost: number; remaining_after: number }>();
  for (const id of ids.filter((i) => visible.has(i))) {
    const quote = quoteRenewal(db, ctx.today, id, { years });
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

export async function renewEach(db: Tx, ctx: ActionContext, ids: number[], years: number): Promise<BulkResult[]> {
  const visible = await visibleIds(db, ctx, ids);
  const results: BulkResult[] = [];
  for (const id of new Set(ids)) {
    if (!visible.has(id)) {
      results.push({ id, status: 404, message: `Subscription ${id} not found`, code: 'not_found' });
      continue;
    }
    try {
      const { remaining_after, end_date } = await db.transaction().execute(async (tx) => renewSubscription(tx, ctx, id, { years }));
      results.push({ id, status: 201, remaining_after, end_date });
    } catch (error) {
      if (!(error instanceof AppError)) throw error;
      const { message, code, details } = error.toBody();
      results.push({ id, status: error.status, message, ...(code ? { code } : {}), ...(details ? { details } : {}) });
    }
  }
  return results;
}
