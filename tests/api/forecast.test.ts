import request from 'supertest';
import { beforeEach, describe, expect, it } from 'vitest';
import { addClient, buildHierarchy, fundReseller } from '../helpers/fixtures.ts';
import { sessionCookieFor, testApp } from '../helpers/testApp.ts';
import { TODAY, grantPartner, type TestApp } from './scenario.ts';

/** DESIGN §6: GET /api/forecast, what renewals due soon will need from each pool. */

let t: TestApp;
let h: Awaited<ReturnType<typeof buildHierarchy>>;
let autoSoon: number;
const api = () => request(t.app);

/** A client of Alpha Nord with one TBox subscription of `seats` for a year from `start`; its subscription id. */
async function nordClient(name: string, start: string, seats: number) {
  const { subscriptionIds } = await addClient(t, { name, reseller_id: h.resellers.alphaNord, subscriptions: [{ product_id: h.products.tbox, start_date: start, years: 1, seats }] });
  return subscriptionIds[0];
}

beforeEach(async () => {
  t = await testApp(TODAY); // 2026-11-26
  h = await buildHierarchy(t);
  await fundReseller(t, h.resellers.alphaNord, h.products.tbox, 120);
  autoSoon = await nordClient('Ends 2026-12-05, auto-renewing', '2025-12-06', 10);
  await nordClient('Ends 2027-01-09', '2026-01-10', 70);
  const gaveUp = await nordClient('Ends 2026-12-01, auto-renewal given up', '2025-12-02', 5);
  await nordClient('Ends 2027-11-25', TODAY, 3);
  await t.db.updateTable('subscriptions').set({ auto_renew: 1 }).where('id', 'in', [autoSoon, gaveUp]).execute();
  await t.db.updateTable('subscriptions').set({ auto_renew_exhausted: 1 }).where('id', '=', gaveUp).execute();
  await grantPartner(t, h.partners.beta, h.products.tsend, 4);
});

describe('GET /api/forecast', () => {
  it('adds up seats × years due within 30 and 90 days, and the auto-renewals within 14, against the balance', async () => {
    const res = await api().get('/api/forecast');
    expect(res.status).toBe(200);
    const nord = res.body.find((row: { holder_type: string; holder_id: number }) => row.holder_type === 'reseller' && row.holder_id === h.resellers.alphaNord);
    // 120 − (10 + 70 + 5 + 3) = 32 left; due in 30 days: 10 + 5; in 90: + 70; auto-renewing in 14: 10 (the one given up left out).
    expect(nord).toEqual({
      pool_id: expect.any(Number),
      holder_type: 'reseller',
      holder_id: h.resellers.alphaNord,
      product_id: h.products.tbox,
      balance: 32,
      due_30: 15,
      due_90: 85,
      auto_due_14: 10,
      shortfall_30: 0,
      shortfall_90: 53,
    });
    const beta = res.body.find((row: { holder_id: number; holder_type: string }) => row.holder_type === 'partner' && row.holder_id === h.partners.beta);
    expect(beta).toMatchObject({ balance: 4, due_30: 0, due_90: 0, auto_due_14: 0, shortfall_30: 0, shortfall_90: 0 });
  });

  it('counts a renewed subscription no more', async () => {
    await api().post(`/api/subscriptions/${autoSoon}/renew`).send({ years: 1, seats: 10 }).expect(201);
    const nord = (await api().get('/api/forecast')).body.find((row: { holder_id: number; holder_type: string }) => row.holder_type === 'reseller' && row.holder_id === h.resellers.alphaNord);
    expect(nord).toMatchObject({ balance: 22, due_30: 5, due_90: 75, auto_due_14: 0, shortfall_90: 53 });
  });

  it('follows the day', async () => {
    t.clock.set('2026-12-20');
    // The two December ones have expired by then: no longer due; the January one is within 30 days.
    const nord = (await api().get('/api/forecast')).body.find((row: { holder_id: number; holder_type: string }) => row.holder_type === 'reseller' && row.holder_id === h.resellers.alphaNord);
    expect(nord).toMatchObject({ due_30: 70, due_90: 70, auto_due_14: 0, shortfall_30: 38 });
  });

  it('shows each caller its own pools only', async () => {
    const reseller = await sessionCookieFor(t, { email: 'r@nord.test', role: 'reseller', partner_id: h.partners.alpha, reseller_id: h.resellers.alphaNord });
    const beta = await sessionCookieFor(t, { email: 'p@beta.test', role: 'partner', partner_id: h.partners.beta });
    const alpha = await sessionCookieFor(t, { email: 'p@alpha.test', role: 'partner', partner_id: h.partners.alpha });
    const holders = async (cookie: string) => (await api().get('/api/forecast').set('Cookie', cookie)).body.map((r: { holder_type: string; holder_id: number }) => `${r.holder_type}:${r.holder_id}`);
    expect(await holders(reseller)).toEqual([`reseller:${h.resellers.alphaNord}`]);
    expect(await holders(beta)).toEqual([`partner:${h.partners.beta}`]);
    expect((await holders(alpha)).sort()).toEqual([`partner:${h.partners.alpha}`, `reseller:${h.resellers.alphaNord}`].sort());
  });
});
