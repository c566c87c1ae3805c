import request from 'supertest';
import { beforeEach, describe, expect, it } from 'vitest';
import { createClient } from '../../server/src/domain/clients.ts';
import { addClient, buildHierarchy, fundReseller } from '../helpers/fixtures.ts';
import { sessionCookieFor, testApp } from '../helpers/testApp.ts';
import { TODAY, type TestApp } from './scenario.ts';

/** Issue 12: a seat change is its own history entry; the term keeps the seats it was paid for. */

let t: TestApp;
let h: Awaited<ReturnType<typeof buildHierarchy>>;
let sub: number;
const api = () => request(t.app);
const history = async (cookie?: string) => {
  const res = cookie ? await request(t.server).get(`/api/subscriptions/${sub}/history`).set('Cookie', cookie) : await api().get(`/api/subscriptions/${sub}/history`);
  expect(res.status, JSON.stringify(res.body)).toBe(200);
  return res.body as Record<string, unknown>[];
};

beforeEach(async () => {
  t = await testApp(TODAY);
  h = await buildHierarchy(t);
  await fundReseller(t, h.resellers.alphaNord, h.products.tbox, 200);
  // 13 seats from 2026-01-15 for 1 year: ends 2027-01-14.
  sub = (await addClient(t, { name: 'Librairie Blanc', reseller_id: h.resellers.alphaNord, subscriptions: [{ product_id: h.products.tbox, start_date: '2026-01-15', years: 1, seats: 13 }] })).subscriptionIds[0];
});

describe('GET /api/subscriptions/:id/history', () => {
  it('13 → 18 seats: the creation keeps its 13 seats and the change is its own entry; newest first', async () => {
    await api().post(`/api/subscriptions/${sub}/seats`).send({ seats: 18 }).expect(200);
    t.clock.set('2026-11-27');
    await api().post(`/api/subscriptions/${sub}/renew`).send({ years: 2 }).expect(201);
    const entries = await history();
    expect(entries.map((e) => [e.kind, e.seats, e.seats_from, e.seats_to, e.years, e.start_date, e.end_date, e.cost])).toEqual([
      ['renewal', 18, null, null, 2, '2027-01-15', '2029-01-14', 36],
      // ceil(5 × 1 × 49 / 365) = 1 licence for the 49 days left.
      ['seat_change', 18, 13, 18, 1, '2026-01-15', '2027-01-14', 1],
      ['creation', 13, null, null, 1, '2026-01-15', '2027-01-14', 13],
    ]);
    expect(entries.map((e) => e.at)).toEqual(['2026-11-27T12:00:00.000Z', '2026-11-26T12:00:00.000Z', '2026-11-26T12:00:00.000Z']);
    expect(new Set(entries.map((e) => e.id)).size).toBe(3);
  });

  it('an undone renewal stays as a renewal and shows its undo, giving the licences back', async () => {
    await api().post(`/api/subscriptions/${sub}/renew`).send({ years: 1, seats: 2 }).expect(201);
    await api().post(`/api/subscriptions/${sub}/undo-renewal`).expect(200);
    const entries = await history();
    expect(entries.map((e) => [e.kind, e.cost])).toEqual([['undo', -2], ['renewal', 2], ['creation', 13]]);
  });

  it('actors: a login by its name; the server’s own actors in the reader’s language', async () => {
    const cookie = await sessionCookieFor(t, { email: 'claire@alpha.example', role: 'partner', partner_id: h.partners.alpha });
    await t.db.updateTable('users').set({ name: 'Claire Martin' }).where('email', '=', 'claire@alpha.example').execute();
    // A client of the seed's.
    const seeded = await t.db.transaction().execute((tx) =>
      createClient(tx, t.ctx('seed'), { name: 'Seedée', reseller_id: h.resellers.alphaNord, subscriptions: [{ product_id: h.products.tbox, start_date: '2026-01-15', years: 1, seats: 1 }] }),
    );
    sub = (await t.db.selectFrom('subscriptions').select('id').where('client_id', '=', seeded).executeTakeFirstOrThrow()).id;
    await request(t.server).post(`/api/subscriptions/${sub}/renew`).set('Cookie', cookie).send({ years: 1 }).expect(201);
    expect((await history(cookie)).map((e) => e.actor)).toEqual(['Claire Martin', 'Données initiales']);
    await request(t.server).put('/api/auth/locale').set('Cookie', cookie).send({ locale: 'en' }).expect(200);
    expect((await history(cookie)).map((e) => e.actor)).toEqual(['Claire Martin', 'Initial data']);
  });

  it('a subscription out of scope is unknown (404); a bad id is a 400', async () => {
    const beta = await sessionCookieFor(t, { email: 'beta@example.fr', role: 'partner', partner_id: h.partners.beta });
    expect((await request(t.server).get(`/api/subscriptions/${sub}/history`).set('Cookie', beta)).status).toBe(404);
    expect((await api().get('/api/subscriptions/abc/history')).status).toBe(400);
    expect((await api().get('/api/subscriptions/99999999999999999999/history')).status).toBe(400);
  });
});
