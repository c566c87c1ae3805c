import { transact, type Db } from '../data/transact.ts';
import { SYSTEM_SCOPE } from '../domain/access.ts';
import { plusMonths } from '../domain/dates.ts';
import { recordUsage, type UsageReport } from '../domain/usage.ts';

/**
 * The demo's usage reports (DESIGN §7), as a publisher's licence server would have posted them: six
 * monthly figures for a few active subscriptions of the demo partner and of its first reseller (the
 * demo logins' organisations), two of each growing past their seats ("Sur-utilisé").
 */
export async function seedUsage(db: Db, { today, now }: { today: string; now: string }): Promise<{ usage_reports: number }> {
  const partner = await db.selectFrom('partners').select('id').orderBy('id').executeTakeFirstOrThrow();
  const reseller = await db.selectFrom('resellers').select('id').where('partner_id', '=', partner.id).orderBy('id').executeTakeFirstOrThrow();
  const subscriptionsOf = (reseller_id: number | null) => {
    let query = db
      .selectFrom('subscriptions')
      .select(['id', 'seats'])
      .where('partner_id', '=', partner.id)
      .where('status', 'in', ['active', 'expiring'])
      .where('archived', '=', 0)
      .orderBy('id')
      .limit(4);
    query = reseller_id === null ? query.where('reseller_id', 'is', null) : query.where('reseller_id', '=', reseller_id);
    return query.execute();
  };
  const chosen = [...(await subscriptionsOf(null)), ...(await subscriptionsOf(reseller.id))];
  const reports: UsageReport[] = chosen.flatMap(({ id, seats }, i) => {
    const overUsed = i % 4 < 2;
    const last = overUsed ? seats! + 1 + (i % 3) : Math.max(1, seats! - (i % 3));
    return [5, 4, 3, 2, 1, 0].map((monthsAgo) => ({
      subscription_id: id,
      // From about 80 % of the last figure, rising to it.
      active_users: Math.max(1, Math.round(last * (1 - monthsAgo * 0.04))),
      measured_at: `${plusMonths(today, -monthsAgo)}T06:00:00.000Z`,
    }));
  });
  if (reports.length === 0) return { usage_reports: 0 };
  const accepted = await transact(db, (tx) => recordUsage(tx, { actor: 'seed', scope: SYSTEM_SCOPE, today, now }, reports));
  return { usage_reports: accepted };
}
