import { poolNeeds } from '../data/forecast.ts';
import type { Db } from '../data/transact.ts';
import type { Scope } from './access.ts';
import { plusDays } from './dates.ts';
import { settings } from './settings.ts';

/**
 * The stock forecast (DESIGN §6): per pool, what the renewals due in the next 30 and 90 days will
 * need against its balance, and what its auto-renewals due within the auto-renewal lead (14 days)
 * need (those that gave up left out). shortfall_N = max(0, due_N − balance).
 */
export async function stockForecast(db: Db, today: string, scope: Scope) {
  const needs = await poolNeeds(db, scope, { d14: plusDays(today, settings.autoRenewLeadDays), d30: plusDays(today, 30), d90: plusDays(today, 90) });
  return needs.map((pool) => ({
    ...pool,
    shortfall_30: Math.max(0, pool.due_30 - pool.balance),
    shortfall_90: Math.max(0, pool.due_90 - pool.balance),
  }));
}
