import request from 'supertest';
import { beforeEach, describe, expect, it } from 'vitest';
import { notifyPoolShortfalls } from '../../server/src/domain/poolShortfall.ts';
import { runDailyJobs } from '../../server/src/jobs/daily.ts';
import { addClient, buildHierarchy, fundReseller } from '../helpers/fixtures.ts';
import { sessionCookieFor, testApp } from '../helpers/testApp.ts';
import { TODAY, type TestApp } from './scenario.ts';

/**
 * Issue 13: a pool that cannot pay its auto-renewals due within 14 days raises a notification
 * (bell and e-mail) once, to the logins managing it.
 */

let t: TestApp;
let h: Awaited<ReturnType<typeof buildHierarchy>>;
let cookies: { reseller: string; partner: string; otherPartner: string };

/** A client of Alpha Nord with one TBox subscription of `seats` for a year from `start`, auto-renewing. */
async function autoRenewing(name: string, start: string, seats: number) {
  const { subscriptionIds } = await addClient(t, { name, reseller_id: h.resellers.alphaNord, subscriptions: [{ product_id: h.products.tbox, start_date: start, years: 1, seats }] });
  await t.db.updateTable('subscriptions').set({ auto_renew: 1 }).where('id', '=', subscriptionIds[0]).execute();
}

const poolShortNotes = async (cookie: string) =>
  (await request(t.app).get('/api/notifications').query({ filter: JSON.stringify({ kind: 'pool_short' }) }).set('Cookie', cookie)).body as { message: string; end_date: string; email_status: string }[];

beforeEach(async () => {
  t = await testApp(TODAY); // 2026-11-26
  h = await buildHierarchy(t);
  cookies = {
    reseller: await sessionCookieFor(t, { email: 'r@nord.test', role: 'reseller', partner_id: h.partners.alpha, reseller_id: h.resellers.alphaNord }),
    partner: await sessionCookieFor(t, { email: 'p@alpha.test', role: 'partner', partner_id: h.partners.alpha }),
    otherPartner: await sessionCookieFor(t, { email: 'p@beta.test', role: 'partner', partner_id: h.partners.beta }),
  };
  await fundReseller(t, h.resellers.alphaNord, h.products.tbox, 45);
});

describe('pool short for its auto-renewals due within 14 days', () => {
  it('notifies the pool holder and its partner once, on the bell and by e-mail; running the day again adds nothing', async () => {
    await autoRenewing('Ends 2026-12-05', '2025-12-06', 10);
    await autoRenewing('Ends 2026-12-08', '2025-12-09', 30);
    await autoRenewing('Ends 2027-01-09, not within 14 days', '2026-01-10', 3);
    // Balance 45 − 43 = 2; due within 14 days: 10 (on 05/12, already short) + 30.
    const first = await runDailyJobs(t.db, { today: TODAY, now: t.clock.now() }, null);
    expect(first.poolShortfalls).toEqual([
      expect.objectContaining({
        holder_type: 'reseller',
        holder_id: h.resellers.alphaNord,
        product_id: h.products.tbox,
        balance: 2,
        auto_due_14: 40,
        shortfall: 38,
        short_from: '2026-12-05',
        notification_ids: [expect.any(Number), expect.any(Number)],
      }),
    ]);
    const [note] = await poolShortNotes(cookies.reseller);
    expect(note).toMatchObject({ end_date: '2026-12-05', email_status: 'failed' }); // no mail server in the test: said so
    expect(note.message).toBe(
      'Stock TBox insuffisant chez Alpha Nord pour les renouvellements automatiques des 14 prochains jours : 40 licences nécessaires, 2 restantes (manque 38 dès le 05/12/2026). Commandez la différence.',
    );
    expect(await poolShortNotes(cookies.partner)).toHaveLength(1);
    expect(await poolShortNotes(cookies.otherPartner)).toEqual([]);

    const again = await runDailyJobs(t.db, { today: TODAY, now: t.clock.now() }, null);
    expect(again.poolShortfalls).toEqual([]);
    expect(await poolShortNotes(cookies.reseller)).toHaveLength(1);
    // A second server running the check at the same time adds nothing either.
    expect(await notifyPoolShortfalls(t.db, TODAY, t.clock.now())).toEqual([]);
  });

  it('tells the webhooks that chose pool.low once per episode, with the pool as GET answers it; not another organisation’s', async () => {
    const subscribe = async (cookie: string) => {
      const res = await request(t.app).post('/api/webhooks').set('Cookie', cookie).send({ url: 'https://hooks.example.com/cascade', events: ['pool.low'] });
      expect(res.status, JSON.stringify(res.body)).toBe(201);
      return res.body.id as number;
    };
    const resellerHook = await subscribe(cookies.reseller);
    await subscribe(cookies.otherPartner);
    await autoRenewing('Ends 2026-12-05', '2025-12-06', 40); // balance 5, 40 due on 05/12
    await runDailyJobs(t.db, { today: TODAY, now: t.clock.now() }, null);
    await runDailyJobs(t.db, { today: TODAY, now: t.clock.now() }, null);
    const deliveries = await t.db
      .selectFrom('webhook_deliveries as d')
      .innerJoin('webhook_events as e', 'e.id', 'd.event_id')
      .select(['d.webhook_id', 'e.type', 'e.data'])
      .execute();
    expect(deliveries.map((d) => [d.webhook_id, d.type])).toEqual([[resellerHook, 'pool.low']]);
    const pool = (await request(t.app).get('/api/pools').query({ filter: JSON.stringify({ reseller_id: h.resellers.alphaNord }) })).body[0];
    expect(JSON.parse(deliveries[0].data)).toEqual(pool);
  });

  it('writes the message in each login’s language', async () => {
    await t.db.updateTable('users').set({ locale: 'en' }).where('email', '=', 'p@alpha.test').execute();
    await autoRenewing('Ends 2026-12-05', '2025-12-06', 50 - 5);
    await t.db.updateTable('pools').set({ balance: 0 }).where('reseller_id', '=', h.resellers.alphaNord).execute();
    await notifyPoolShortfalls(t.db, TODAY, t.clock.now());
    const [note] = await poolShortNotes(cookies.partner);
    expect(note.message).toBe("Alpha Nord's TBox stock cannot cover the auto-renewals of the next 14 days: 45 licences needed, 0 left (45 short from 2026-12-05). Order the difference.");
  });

  it('raises nothing for a pool that can pay its auto-renewals, nor for renewals beyond 14 days or given up', async () => {
    await autoRenewing('Ends 2026-12-05', '2025-12-06', 10);
    await autoRenewing('Ends 2027-01-09', '2026-01-10', 20);
    await autoRenewing('Ends 2026-12-01, given up', '2025-12-02', 5);
    await t.db.updateTable('subscriptions').set({ auto_renew_exhausted: 1 }).where('client_name', '=', 'Ends 2026-12-01, given up').execute();
    // Balance 45 − 35 = 10: enough for the 10 due on 05/12; the 20 beyond 14 days and the 5 given up do not count.
    expect(await notifyPoolShortfalls(t.db, TODAY, t.clock.now())).toEqual([]);
    const summary = await runDailyJobs(t.db, { today: TODAY, now: t.clock.now() }, null);
    expect(summary.poolShortfalls).toEqual([]);
    expect(await poolShortNotes(cookies.reseller)).toEqual([]);
    expect(await poolShortNotes(cookies.partner)).toEqual([]);
  });
});
