import { sql, type JoinBuilder } from 'kysely';
import type { Database } from '../db/schema.ts';
import { inScope, type Scope } from '../domain/access.ts';
import type { Db } from './transact.ts';

/** Joins the subscriptions drawing on each pool: same product and same holder (partner, or reseller). */
const drawingOnPool = <J extends JoinBuilder<Database & { s: Database['subscriptions'] }, 'pools' | 's'>>(join: J): J =>
  join
    .onRef('s.product_id', '=', 'pools.product_id')
    .onRef('s.partner_id', '=', 'pools.partner_id')
    .on(sql<boolean>`(s.reseller_id = pools.reseller_id OR (s.reseller_id IS NULL AND pools.reseller_id IS NULL))`) as J;

export interface PoolNeeds {
  pool_id: number;
  holder_type: 'partner' | 'reseller';
  holder_id: number;
  product_id: number;
  balance: number;
  due_30: number;
  due_90: number;
  auto_due_14: number;
}

/**
 * For each pool in scope, the licences the renewals of the subscriptions drawing on it will need:
 * Σ seats × years of the shown term of live `active`/`expiring` subscriptions whose end date is
 * before each bound (the bounds are computed by the caller: SQL dates do not clamp months).
 */
export async function poolNeeds(db: Db, scope: Scope, before: { d14: string; d30: string; d90: string }): Promise<PoolNeeds[]> {
  const due = (bound: string, extra = sql`TRUE`) =>
    sql<number>`coalesce(sum(CASE WHEN s.end_date < ${bound} AND ${extra} THEN s.seats * s.years ELSE 0 END), 0)`;
  const rows = await db
    .selectFrom('pools')
    .leftJoin('subscriptions as s', (join) =>
      drawingOnPool(join)
        .on('s.status', 'in', ['active', 'expiring'])
        .on('s.archived', '=', 0)
        .on('s.end_date', '<', before.d90),
    )
    .where(inScope(scope, 'pools.partner_id', 'pools.reseller_id'))
    .select([
      'pools.id as pool_id',
      'pools.holder_type',
      'pools.holder_id',
      'pools.product_id',
      'pools.balance',
      due(before.d30).as('due_30'),
      due(before.d90).as('due_90'),
      due(before.d14, sql`s.auto_renew = 1 AND s.auto_renew_exhausted = 0`).as('auto_due_14'),
    ])
    .groupBy(['pools.id', 'pools.holder_type', 'pools.holder_id', 'pools.product_id', 'pools.balance'])
    .orderBy('pools.id')
    .execute();
  return rows.map((r) => ({ ...r, due_30: Number(r.due_30), due_90: Number(r.due_90), auto_due_14: Number(r.auto_due_14) }));
}

export interface AutoRenewalDue {
  pool_id: number;
  partner_id: number;
  reseller_id: number | null;
  holder_type: 'partner' | 'reseller';
  holder_id: number;
  holder_name: string;
  product_id: number;
  product_name: string;
  balance: number;
  end_date: string;
  /** seats × years of the shown term. */
  need: number;
}

/**
 * The auto-renewals (not given up) of live `active`/`expiring` subscriptions ending before `before`,
 * with the pool each draws on, by pool then end date: what poolNeeds counts as `auto_due_14`.
 */
export async function autoRenewalsDue(db: Db, before: string): Promise<AutoRenewalDue[]> {
  const rows = await db
    .selectFrom('pools')
    .innerJoin('subscriptions as s', drawingOnPool)
    .innerJoin('products', 'products.id', 'pools.product_id')
    .innerJoin('partners', 'partners.id', 'pools.partner_id')
    .leftJoin('resellers', 'resellers.id', 'pools.reseller_id')
    .where('s.status', 'in', ['active', 'expiring'])
    .where('s.archived', '=', 0)
    .where('s.auto_renew', '=', 1)
    .where('s.auto_renew_exhausted', '=', 0)
    .where('s.end_date', '<', before)
    .select([
      'pools.id as pool_id',
      'pools.partner_id',
      'pools.reseller_id',
      'pools.holder_type',
      'pools.holder_id',
      sql<string>`coalesce(resellers.name, partners.name)`.as('holder_name'),
      'pools.product_id',
      'products.name as product_name',
      'pools.balance',
      's.end_date',
      sql<number>`s.seats * s.years`.as('need'),
    ])
    .orderBy('pools.id')
    .orderBy('s.end_date')
    .orderBy('s.id')
    .execute();
  // end_date < before: never null here.
  return rows.map((r) => ({ ...r, end_date: r.end_date!, need: Number(r.need) }));
}
