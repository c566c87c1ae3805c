import { sql, type SqlBool } from 'kysely';
import { inScope, type Scope } from './access.ts';
import type { Status } from '../db/schema.ts';
import type { Db } from '../data/transact.ts';
import { monthOf, plusMonths } from './dates.ts';
import { STATUSES } from './status.ts';

export interface Dashboard extends Record<Status, number> {
  clients_to_renew: number;
  /** Subscriptions with more active users reported than seats (DESIGN §7). */
  over_used: number;
  pools: { id: number; holder_type: string; holder_id: number; holder_name: string; product_id: number; product_code: string; balance: number }[];
  due_by_month: { month: string; subscriptions: number; seats: number }[];
}

/**
 * The dashboard's figures (DESIGN §3), all from the derived columns: subscriptions per status,
 * clients having something to renew, pools, and what falls due in each of the next 12 months
 * (subscriptions whose shown term ends that month and that are not renewed or cancelled yet).
 */
export async function dashboardFigures(tx: Db, today: string, scope: Scope): Promise<Dashboard> {
  // Everything counted is what the caller sees (admin: all; partner: its network; reseller: its own).
  const subscriptionsInScope = sql<SqlBool>`subscriptions.archived = 0 AND ${inScope(scope, 'subscriptions.partner_id', 'subscriptions.reseller_id')}`;
  const byStatus = await tx
    .selectFrom('subscriptions')
    .select(['status', sql<number>`count(*)`.as('n')])
    .where(subscriptionsInScope)
    .groupBy('status')
    .execute();
  const counts = Object.fromEntries(STATUSES.map((s) => [s, 0])) as Record<Status, number>;
  for (const row of byStatus) counts[row.status] = Number(row.n);

  const { n: clientsToRenew } = await tx
    .selectFrom('clients')
    .select(sql<number>`count(*)`.as('n'))
    .where('to_renew', '=', 1)
    .where('archived', '=', 0)
    .where(inScope(scope, 'clients.partner_id', 'clients.reseller_id'))
    .executeTakeFirstOrThrow();

  const pools = await tx
    .selectFrom('pools')
    .innerJoin('products', 'products.id', 'pools.product_id')
    .innerJoin('partners', 'partners.id', 'pools.partner_id')
    .leftJoin('resellers', 'resellers.id', 'pools.reseller_id')
    .select([
      'pools.id',
      'pools.holder_type',
      'pools.holder_id',
      sql<string>`coalesce(resellers.name, partners.name)`.as('holder_name'),
      'pools.product_id',
      'products.code as product_code',
      'pools.balance',
    ])
    .where(inScope(scope, 'pools.partner_id', 'pools.reseller_id'))
    .orderBy('products.code')
    .orderBy('pools.holder_type')
    .orderBy('holder_name')
    .execute();

  const { n: overUsed } = await tx
    .selectFrom('subscriptions')
    .select(sql<number>`count(*)`.as('n'))
    .where(subscriptionsInScope)
    .where(sql<SqlBool>`subscriptions.active_users > subscriptions.seats`)
    .executeTakeFirstOrThrow();

  const firstMonth = `${monthOf(today)}-01`;
  const months = Array.from({ length: 12 }, (_, i) => monthOf(plusMonths(firstMonth, i)));
  const due = await tx
    .selectFrom('subscriptions')
    .select([sql<string>`substr(end_date, 1, 7)`.as('month'), sql<number>`count(*)`.as('subscriptions'), sql<number>`sum(seats)`.as('seats')])
    .where('status', 'in', ['active', 'expiring'])
    .where(subscriptionsInScope)
    .where('end_date', '>=', firstMonth)
    .where('end_date', '<', `${monthOf(plusMonths(firstMonth, 12))}-01`)
    .groupBy('month')
    .execute();
  const dueByMonth = new Map(due.map((d) => [d.month, d]));

  return {
    clients_to_renew: Number(clientsToRenew),
    over_used: Number(overUsed),
    ...counts,
    pools,
    due_by_month: months.map((month) => ({
      month,
      subscriptions: Number(dueByMonth.get(month)?.subscriptions ?? 0),
      seats: Number(dueByMonth.get(month)?.seats ?? 0),
    })),
  };
}
