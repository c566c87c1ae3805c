import { describe, expect, it } from 'vitest';
import { allocateLicenses, grantLicenses } from '../../server/src/domain/allocations.ts';
import { plusDays } from '../../server/src/domain/dates.ts';
import { updateSubscriptionSettings } from '../../server/src/domain/subscriptions.ts';
import { runDailyJobs } from '../../server/src/jobs/daily.ts';
import { addClient, buildHierarchy, fundReseller, ledgerBalances, poolBalance } from '../helpers/fixtures.ts';
import { testDatabase, type TestDatabase } from '../helpers/testApp.ts';

/**
 * The auto-renewal job over a simulated calendar: TODAY moves one day at a time and the daily
 * jobs run each day, as the in-process scheduler does.
 */
const START = '2026-11-01';
// A 1-year term of 3 seats ending 2026-11-30: the job must renew it on 2026-11-16 (14 days before).
const END = '2026-11-30';
const RENEW_DAY = '2026-11-16';

async function autoRenewingClient(t: TestDatabase, fund: number) {
  const h = await buildHierarchy(t);
  // 3 licenses for the first term, then `fund` left in the pool.
  await fundReseller(t, h.resellers.alphaNord, h.products.tbox, 3 + fund);
  const { subscriptionIds } = await addClient(t, {
    name: 'Imprimerie Roux',
    reseller_id: h.resellers.alphaNord,
    subscriptions: [{ product_id: h.products.tbox, start_date: '2025-12-01', years: 1, seats: 3 }],
  });
  const id = subscriptionIds[0];
  await t.db.transaction().execute((tx) => updateSubscriptionSettings(tx, t.ctx(), id, { auto_renew: true }));
  return { h, id };
}

/** Runs the daily jobs on each day from `from` through `to`, returning each day's summary. */
async function runDays(t: TestDatabase, from: string, to: string, onDay?: (day: string) => Promise<void>) {
  const days: Record<string, Awaited<ReturnType<typeof runDailyJobs>>> = {};
  for (let day = from; day <= to; day = plusDays(day, 1)) {
    t.clock.set(day);
    await onDay?.(day);
    days[day] = await runDailyJobs(t.db, { today: day, now: t.clock.now() }, null);
  }
  return days;
}

const attempts = (t: TestDatabase, id: number) =>
  t.db.selectFrom('renewal_attempts').selectAll().where('subscription_id', '=', id).orderBy('run_date').execute();
const terms = (t: TestDatabase, id: number) =>
  t.db.selectFrom('terms').selectAll().where('subscription_id', '=', id).where('undone_at', 'is', null).orderBy('start_date').execute();

describe('auto-renewal over a simulated calendar', () => {
  it('renews exactly 14 days before the end, with the same seats and years, from the day after the end', async () => {
    const t = await testDatabase(START);
    const { h, id } = await autoRenewingClient(t, 10);
    const days = await runDays(t, START, '2026-12-30');
    const renewedOn = Object.entries(days).filter(([, s]) => s.renewed > 0).map(([d]) => d);
    expect(renewedOn).toEqual([RENEW_DAY]);
    expect((await terms(t, id)).map((x) => [x.start_date, x.end_date, x.seats, x.years, x.origin])).toEqual([
      ['2025-12-01', END, 3, 1, 'creation'],
      ['2026-12-01', '2027-11-30', 3, 1, 'auto_renewal'],
    ]);
    expect(await poolBalance(t, { resellerId: h.resellers.alphaNord }, h.products.tbox)).toBe(7);
    expect((await attempts(t, id)).map((a) => [a.run_date, a.outcome])).toEqual([[RENEW_DAY, 'renewed']]);
    const movement = await t.db.selectFrom('movements').selectAll().where('subscription_id', '=', id).orderBy('id', 'desc').executeTakeFirstOrThrow();
    expect(movement).toMatchObject({ kind: 'consume', quantity: 3, actor: 'auto-renewal' });
  });

  it('running the job twice on one day changes nothing the second time', async () => {
    const t = await testDatabase(START);
    const { h, id } = await autoRenewingClient(t, 10);
    await runDays(t, START, RENEW_DAY);
    const again = await runDailyJobs(t.db, { today: RENEW_DAY, now: t.clock.now() }, null);
    expect(again).toMatchObject({ renewed: 0, failed: 0, exhausted: 0 });
    expect(await terms(t, id)).toHaveLength(2);
    expect(await attempts(t, id)).toHaveLength(1);
    expect(await poolBalance(t, { resellerId: h.resellers.alphaNord }, h.products.tbox)).toBe(7);
  });

  it('retries daily when licenses are short and succeeds the day they are allocated', async () => {
    const t = await testDatabase(START);
    const { h, id } = await autoRenewingClient(t, 1);
    const allocationDay = '2026-12-05'; // after the end: the renewal then starts that day
    await runDays(t, START, '2026-12-20', async (day) => {
      if (day === allocationDay) {
        await t.db.transaction().execute(async (tx) => {
          await grantLicenses(tx, t.ctx(), { partner_id: h.partners.alpha, product_id: h.products.tbox, quantity: 5 });
          await allocateLicenses(tx, t.ctx(), { reseller_id: h.resellers.alphaNord, product_id: h.products.tbox, quantity: 5 });
        });
      }
    });
    const log = await attempts(t, id);
    const failedDays = log.filter((a) => a.outcome === 'failed').map((a) => a.run_date);
    expect(failedDays[0]).toBe(RENEW_DAY);
    expect(failedDays.at(-1)).toBe('2026-12-04');
    expect(failedDays).toHaveLength(19); // 16 Nov … 4 Dec, one a day
    expect(log.at(-1)).toMatchObject({ run_date: allocationDay, outcome: 'renewed' });
    expect((await terms(t, id)).at(-1)).toMatchObject({ start_date: allocationDay, end_date: '2027-12-04', seats: 3 });
    expect(await poolBalance(t, { resellerId: h.resellers.alphaNord }, h.products.tbox)).toBe(3);
    const sub = await t.db.selectFrom('subscriptions').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
    expect(sub).toMatchObject({ auto_renew_failing_since: null, auto_renew_exhausted: 0, status: 'active' });
    for (const pool of await ledgerBalances(t)) expect(pool.balance).toBe(pool.ledger);
  });

  it('stops 45 days after the first failed attempt, marks the subscription exhausted and lets it expire', async () => {
    const t = await testDatabase(START);
    const { id } = await autoRenewingClient(t, 0);
    const lastTry = plusDays(RENEW_DAY, 45);
    await runDays(t, START, plusDays(lastTry, 15));
    const log = await attempts(t, id);
    expect(log).toHaveLength(46); // the first attempt and 45 daily retries
    expect(log.filter((a) => a.outcome === 'failed')).toHaveLength(45);
    expect(log.at(-1)).toMatchObject({ run_date: lastTry, outcome: 'exhausted' });
    const sub = await t.db.selectFrom('subscriptions').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
    expect(sub).toMatchObject({ auto_renew_exhausted: 1, status: 'expired', to_renew: 1 });
    expect(await terms(t, id)).toHaveLength(1);
  });

  it('leaves alone subscriptions without auto-renewal, cancelled ones and renewed ones', async () => {
    const t = await testDatabase(START);
    const { id } = await autoRenewingClient(t, 10);
    await t.db.transaction().execute((tx) => updateSubscriptionSettings(tx, t.ctx(), id, { cancelled: true }));
    await runDays(t, START, '2026-12-10');
    expect(await attempts(t, id)).toHaveLength(0);
    expect(await terms(t, id)).toHaveLength(1);
  });

  it('applies a change scheduled for the next renewal, then forgets it', async () => {
    const t = await testDatabase(START);
    const { h, id } = await autoRenewingClient(t, 20);
    await t.db.transaction().execute((tx) => updateSubscriptionSettings(tx, t.ctx(), id, { next_seats: 5, next_years: 2 }));
    await runDays(t, START, RENEW_DAY);
    expect((await terms(t, id)).at(-1)).toMatchObject({ start_date: '2026-12-01', end_date: '2028-11-30', seats: 5, years: 2 });
    expect(await poolBalance(t, { resellerId: h.resellers.alphaNord }, h.products.tbox)).toBe(10);
    const sub = await t.db.selectFrom('subscriptions').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
    expect(sub).toMatchObject({ next_seats: null, next_years: null });
  });
});
