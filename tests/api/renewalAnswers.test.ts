import request from 'supertest';
import { beforeEach, describe, expect, it } from 'vitest';
import { addClient, buildHierarchy, fundReseller, poolBalance } from '../helpers/fixtures.ts';
import { sessionCookieFor, testApp } from '../helpers/testApp.ts';
import { TODAY, expectLedgerConsistent, type TestApp } from './scenario.ts';

/**
 * Issue 12: what the renew and bulk dialogs need from the server. The quote's defaults, whether a
 * subscription is already renewed, the names of what is renewed, the new term's end, per-line years.
 *
 * Alpha Nord holds 100 TBox after creating, for "Librairie Blanc":
 * - TBox 2026-01-15 2y × 3 seats → ends 2028-01-14 (active)
 * - TSend (Alpha Nord holds 16 after creating) 2026-02-10 1y × 4 seats → ends 2027-02-09 (expiring)
 */
let t: TestApp;
let h: Awaited<ReturnType<typeof buildHierarchy>>;
let tbox: number;
let tsend: number;
const api = () => request(t.app);
const tboxPool = () => poolBalance(t, { resellerId: h.resellers.alphaNord }, h.products.tbox);

beforeEach(async () => {
  t = await testApp(TODAY);
  h = await buildHierarchy(t);
  await fundReseller(t, h.resellers.alphaNord, h.products.tbox, 106);
  await fundReseller(t, h.resellers.alphaNord, h.products.tsend, 20);
  const client = await addClient(t, {
    name: 'Librairie Blanc',
    reseller_id: h.resellers.alphaNord,
    subscriptions: [
      { product_id: h.products.tbox, start_date: '2026-01-15', years: 2, seats: 3 },
      { product_id: h.products.tsend, start_date: '2026-02-10', years: 1, seats: 4 },
    ],
  });
  [tbox, tsend] = client.subscriptionIds;
});

describe('GET /api/subscriptions/:id/renewal-quote', () => {
  it('without years or seats quotes the latest term’s, and names the product, client and manager', async () => {
    const res = await api().get(`/api/subscriptions/${tbox}/renewal-quote`);
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect(res.body).toMatchObject({
      years: 2,
      seats: 3,
      cost: 6,
      balance: 100,
      remaining_after: 94,
      start_date: '2028-01-15',
      end_date: '2030-01-14',
      product_name: 'TBox',
      client_name: 'Librairie Blanc',
      manager_name: 'Alpha Nord',
      already_renewed: false,
      latest_end_date: '2028-01-14',
    });
  });

  it('after a renewal it says so, until when, and quotes from the new term', async () => {
    const renewed = await api().post(`/api/subscriptions/${tsend}/renew`).send({ years: 3, seats: 2 });
    expect(renewed.status).toBe(201);
    const res = await api().get(`/api/subscriptions/${tsend}/renewal-quote`);
    expect(res.body).toMatchObject({ already_renewed: true, latest_end_date: '2030-02-09', years: 3, seats: 2, start_date: '2030-02-10' });
  });

  it('an undone renewal is not a renewal any more', async () => {
    await api().post(`/api/subscriptions/${tsend}/renew`).send({ years: 1 });
    expect((await api().post(`/api/subscriptions/${tsend}/undo-renewal`)).status).toBe(200);
    const res = await api().get(`/api/subscriptions/${tsend}/renewal-quote`);
    expect(res.body).toMatchObject({ already_renewed: false, latest_end_date: '2027-02-09' });
  });

  it('an expired subscription renewed today (its new term running) is already renewed', async () => {
    t.clock.set('2027-03-01');
    await api().post(`/api/subscriptions/${tsend}/renew`).send({ years: 1 });
    const res = await api().get(`/api/subscriptions/${tsend}/renewal-quote`);
    expect(res.body).toMatchObject({ already_renewed: true, latest_end_date: '2028-02-29' });
  });

  it('a renewed subscription due again (expiring) is not "already renewed": renewing is what is expected', async () => {
    await api().post(`/api/subscriptions/${tsend}/renew`).send({ years: 1 });
    t.clock.set('2028-01-10');
    const res = await api().get(`/api/subscriptions/${tsend}/renewal-quote`);
    expect(res.body).toMatchObject({ already_renewed: false, latest_end_date: '2028-02-09' });
  });

  it('a client created with a future start is not "already renewed"', async () => {
    const future = await addClient(t, { name: 'Futur', reseller_id: h.resellers.alphaNord, subscriptions: [{ product_id: h.products.tbox, start_date: '2027-03-01', years: 1, seats: 1 }] });
    const res = await api().get(`/api/subscriptions/${future.subscriptionIds[0]}/renewal-quote`);
    expect(res.body).toMatchObject({ already_renewed: false, latest_end_date: '2028-02-29' });
  });

  it('one given value keeps the other default; bad values are 400 naming the field', async () => {
    expect((await api().get(`/api/subscriptions/${tbox}/renewal-quote`).query({ years: 1 })).body).toMatchObject({ years: 1, seats: 3, cost: 3 });
    for (const [query, field] of [[{ years: '1.5' }, 'years'], [{ seats: 'abc' }, 'seats'], [{ seats: '0' }, 'seats'], [{ years: '99999999999999999999' }, 'years']] as const) {
      const res = await api().get(`/api/subscriptions/${tbox}/renewal-quote`).query(query);
      expect(res.status, JSON.stringify(query)).toBe(400);
      expect(res.body.errors).toHaveProperty([field]);
    }
  });
});

describe('POST /api/subscriptions/:id/renew', () => {
  it('answers the new term: the success message shows its end, not the old one', async () => {
    const res = await api().post(`/api/subscriptions/${tsend}/renew`).send({ years: 2 });
    expect(res.status).toBe(201);
    const term = await t.db.selectFrom('terms').selectAll().where('subscription_id', '=', tsend).orderBy('id', 'desc').executeTakeFirstOrThrow();
    expect(res.body.term).toEqual({ id: term.id, start_date: '2027-02-10', end_date: '2029-02-09', years: 2, seats: 4 });
    // The record itself still shows the running term.
    expect(res.body).toMatchObject({ end_date: '2027-02-09', status: 'renewed', remaining_after: 8 });
  });
});

describe('bulk renewal with per-line years', () => {
  it('quotes each line at its own years, by lines=id:years or by ids alone (latest term’s years)', async () => {
    const lines = await api().get('/api/subscriptions/bulk-renewal-quote').query({ lines: `${tbox}:1,${tsend}:3` });
    expect(lines.status, JSON.stringify(lines.body)).toBe(200);
    expect(lines.body.subscriptions).toEqual([
      { id: tbox, client_name: 'Librairie Blanc', product_name: 'TBox', seats: 3, years: 1, cost: 3, start_date: '2028-01-15', end_date: '2029-01-14', pool_id: expect.any(Number) },
      { id: tsend, client_name: 'Librairie Blanc', product_name: 'TSend', seats: 4, years: 3, cost: 12, start_date: '2027-02-10', end_date: '2030-02-09', pool_id: expect.any(Number) },
    ]);
    const byIds = await api().get('/api/subscriptions/bulk-renewal-quote').query({ ids: `${tbox},${tsend}` });
    expect(byIds.body.subscriptions.map((s: { years: number; cost: number }) => [s.years, s.cost])).toEqual([[2, 6], [1, 4]]);
    const sameYears = await api().get('/api/subscriptions/bulk-renewal-quote').query({ ids: `${tbox},${tsend}`, years: 2 });
    expect(sameYears.body.subscriptions.map((s: { years: number }) => s.years)).toEqual([2, 2]);
  });

  it('renews each line for its own years and names each result line', async () => {
    const res = await api().post('/api/subscriptions/bulk-renew').set('Idempotency-Key', 'bulk-lines').send({ subscriptions: [{ id: tbox, years: 1 }, { id: tsend, years: 3 }] });
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect(res.body.results).toEqual([
      { id: tbox, status: 201, client_name: 'Librairie Blanc', product_name: 'TBox', end_date: '2029-01-14', remaining_after: 97 },
      { id: tsend, status: 201, client_name: 'Librairie Blanc', product_name: 'TSend', end_date: '2030-02-09', remaining_after: 4 },
    ]);
    const again = await api().post('/api/subscriptions/bulk-renew').set('Idempotency-Key', 'bulk-lines').send({ subscriptions: [{ id: tbox, years: 1 }, { id: tsend, years: 3 }] });
    expect(again.body).toEqual(res.body);
    expect(await tboxPool()).toBe(97);
    await expectLedgerConsistent(t);
  });

  it('a refused line is named too; a line the caller cannot see is not', async () => {
    const betaCookie = await sessionCookieFor(t, { email: 'beta@example.fr', role: 'partner', partner_id: h.partners.beta });
    const hidden = await request(t.server).post('/api/subscriptions/bulk-renew').set('Cookie', betaCookie).send({ subscriptions: [{ id: tbox, years: 1 }] });
    expect(hidden.body.results).toEqual([{ id: tbox, status: 404, code: 'not_found', message: expect.any(String) }]);
    const short = await api().post('/api/subscriptions/bulk-renew').send({ subscriptions: [{ id: tsend, years: 10 }] });
    expect(short.body.results).toEqual([
      { id: tsend, status: 409, client_name: 'Librairie Blanc', product_name: 'TSend', code: 'insufficient_licenses', details: { needed: 40, balance: 16 }, message: expect.any(String) },
    ]);
  });

  const tooMany = Array.from({ length: 501 }, (_, i) => ({ id: i + 1, years: 1 }));
  const badBodies: [string, () => unknown, string][] = [
    ['a repeated id', () => ({ subscriptions: [{ id: tbox, years: 1 }, { id: tbox, years: 2 }] }), 'subscriptions.1'],
    ['501 lines', () => ({ subscriptions: tooMany }), 'subscriptions'],
    ['no lines', () => ({ subscriptions: [] }), 'subscriptions'],
    ['years as text', () => ({ subscriptions: [{ id: tbox, years: '2' }] }), 'subscriptions.0.years'],
    ['years 11', () => ({ subscriptions: [{ id: tbox, years: 11 }] }), 'subscriptions.0.years'],
    ['an id of 1e20', () => ({ subscriptions: [{ id: 1e20, years: 1 }] }), 'subscriptions.0.id'],
    ['both forms', () => ({ subscriptions: [{ id: tbox, years: 1 }], ids: [tsend], years: 1 }), 'ids'],
    ['lines and a common years', () => ({ subscriptions: [{ id: tbox, years: 1 }], years: 1 }), 'years'],
    ['ids without years', () => ({ ids: [tbox] }), 'years'],
    ['nothing', () => ({}), 'subscriptions'],
    ['a list of lists', () => ({ subscriptions: [[tbox, 1]] }), 'subscriptions.0'],
  ];
  for (const [what, body, field] of badBodies) {
    it(`POST bulk-renew: 400 naming ${field} for ${what}, and nothing is renewed`, async () => {
      const res = await api().post('/api/subscriptions/bulk-renew').send(body() as object);
      expect(res.status, JSON.stringify(res.body)).toBe(400);
      expect(res.body.errors).toHaveProperty([field]);
      expect(await tboxPool()).toBe(100);
    });
  }

  const badQueries: [string, () => Record<string, string>, string][] = [
    ['lines=abc', () => ({ lines: 'abc' }), 'lines'],
    ['a line without years', () => ({ lines: `${tbox}` }), 'lines'],
    ['a line of 11 years', () => ({ lines: `${tbox}:11` }), 'lines'],
    ['a line id:years:extra', () => ({ lines: `${tbox}:1:2` }), 'lines'],
    ['a repeated id', () => ({ lines: `${tbox}:1,${tbox}:2` }), 'lines.1'],
    ['501 lines', () => ({ lines: tooMany.map((l) => `${l.id}:1`).join(',') }), 'lines'],
    ['lines and ids', () => ({ lines: `${tbox}:1`, ids: `${tsend}` }), 'ids'],
    ['ids=abc', () => ({ ids: 'abc' }), 'ids'],
    ['years=0', () => ({ ids: `${tbox}`, years: '0' }), 'years'],
    ['nothing', () => ({}), 'lines'],
  ];
  for (const [what, query, field] of badQueries) {
    it(`GET bulk-renewal-quote: 400 naming ${field} for ${what}`, async () => {
      const res = await api().get('/api/subscriptions/bulk-renewal-quote').query(query());
      expect(res.status, JSON.stringify(res.body)).toBe(400);
      expect(res.body.errors).toHaveProperty([field]);
    });
  }
});
