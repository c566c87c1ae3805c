import request from 'supertest';
import { beforeEach, describe, expect, it } from 'vitest';
import { NO_BILLING_DETAILS, addClient, buildHierarchy, fundReseller, poolBalance } from '../helpers/fixtures.ts';
import { testApp } from '../helpers/testApp.ts';
import { TODAY, expectLedgerConsistent, grantPartner, statusScenario, type TestApp } from './scenario.ts';

/** The actions of DESIGN §3: client creation, renewal, seats, allocations, grants, edits, deletes, dashboard. */

let t: TestApp;
let h: Awaited<ReturnType<typeof buildHierarchy>>;
const api = () => request(t.app);

const count = async (table: 'clients' | 'subscriptions' | 'terms' | 'movements' | 'idempotency_keys') =>
  Number((await t.db.selectFrom(table).select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow()).n);

/** Everything a rejected request must leave untouched. */
async function snapshot() {
  return {
    clients: await t.db.selectFrom('clients').selectAll().orderBy('id').execute(),
    subscriptions: await t.db.selectFrom('subscriptions').selectAll().orderBy('id').execute(),
    terms: await t.db.selectFrom('terms').selectAll().orderBy('id').execute(),
    pools: await t.db.selectFrom('pools').selectAll().orderBy('id').execute(),
    movements: await t.db.selectFrom('movements').selectAll().orderBy('id').execute(),
  };
}

beforeEach(async () => {
  t = await testApp(TODAY);
  h = await buildHierarchy(t);
});

describe('POST /api/clients', () => {
  beforeEach(async () => {
    await fundReseller(t, h.resellers.alphaNord, h.products.tbox, 20);
    await fundReseller(t, h.resellers.alphaNord, h.products.tsend, 20);
    await grantPartner(t, h.partners.alpha, h.products.tbox, 30);
  });

  const valid = () => ({
    name: 'Atelier Dupont',
    reseller_id: h.resellers.alphaNord,
    subscriptions: [
      { product_id: h.products.tbox, start_date: TODAY, years: 2, seats: 3 },
      { product_id: h.products.tsend, start_date: TODAY, years: 1, seats: 5 },
    ],
  });

  it('creates the client (201, with id) and consumes Σ seats × years from the reseller pool', async () => {
    const res = await api().post('/api/clients').send(valid());
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    expect(res.body).toMatchObject({ name: 'Atelier Dupont', partner_id: h.partners.alpha, reseller_id: h.resellers.alphaNord, status: 'active', end_date: '2027-11-25' });
    expect(res.body.id).toEqual(expect.any(Number));
    expect((await api().get(`/api/clients/${res.body.id}`)).body).toEqual(res.body);

    expect(await poolBalance(t, { resellerId: h.resellers.alphaNord }, h.products.tbox)).toBe(20 - 6);
    expect(await poolBalance(t, { resellerId: h.resellers.alphaNord }, h.products.tsend)).toBe(20 - 5);
    expect(await poolBalance(t, { partnerId: h.partners.alpha }, h.products.tbox)).toBe(30);

    const subs = await api().get('/api/subscriptions').query({ filter: JSON.stringify({ client_id: res.body.id }), sort: JSON.stringify(['product_id', 'ASC']) });
    expect(subs.body.map((s: Record<string, unknown>) => [s.product_id, s.start_date, s.end_date, s.years, s.seats, s.status])).toEqual([
      [h.products.tbox, TODAY, '2028-11-25', 2, 3, 'active'],
      [h.products.tsend, TODAY, '2027-11-25', 1, 5, 'active'],
    ]);
    const consumed = await t.db.selectFrom('movements').selectAll().where('kind', '=', 'consume').orderBy('id').execute();
    expect(consumed.map((m) => m.quantity)).toEqual([6, 5]);
    await expectLedgerConsistent(t);
  });

  it('without a reseller the partner manages the client and its pool pays', async () => {
    const res = await api()
      .post('/api/clients')
      .send({ name: 'Cabinet Leroy', partner_id: h.partners.alpha, subscriptions: [{ product_id: h.products.tbox, start_date: TODAY, years: 3, seats: 4 }] });
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    expect(res.body).toMatchObject({ partner_id: h.partners.alpha, reseller_id: null });
    expect(await poolBalance(t, { partnerId: h.partners.alpha }, h.products.tbox)).toBe(30 - 12);
    expect(await poolBalance(t, { resellerId: h.resellers.alphaNord }, h.products.tbox)).toBe(20);
    await expectLedgerConsistent(t);
  });

  it('an imported contract (start in the past) consumes licenses too and gets its status', async () => {
    const res = await api()
      .post('/api/clients')
      .send({ name: 'Ancien Client', reseller_id: h.resellers.alphaNord, subscriptions: [{ product_id: h.products.tbox, start_date: '2024-01-01', years: 2, seats: 2 }] });
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({ status: 'expired', end_date: '2025-12-31', to_renew: true });
    expect(await poolBalance(t, { resellerId: h.resellers.alphaNord }, h.products.tbox)).toBe(16);
    await expectLedgerConsistent(t);
  });

  const invalid: [string, (body: ReturnType<typeof valid>) => unknown, string][] = [
    ['missing name', ({ name: _n, ...rest }) => rest, 'name'],
    ['blank name', (b) => ({ ...b, name: '   ' }), 'name'],
    ['years 0', (b) => ({ ...b, subscriptions: [{ ...b.subscriptions[0], years: 0 }] }), 'subscriptions.0.years'],
    ['years 11', (b) => ({ ...b, subscriptions: [b.subscriptions[0], { ...b.subscriptions[1], years: 11 }] }), 'subscriptions.1.years'],
    ['years 1.5', (b) => ({ ...b, subscriptions: [{ ...b.subscriptions[0], years: 1.5 }] }), 'subscriptions.0.years'],
    ['seats 0', (b) => ({ ...b, subscriptions: [{ ...b.subscriptions[0], seats: 0 }] }), 'subscriptions.0.seats'],
    ['a date that does not exist', (b) => ({ ...b, subscriptions: [{ ...b.subscriptions[0], start_date: '2026-02-30' }] }), 'subscriptions.0.start_date'],
    ['a date in another format', (b) => ({ ...b, subscriptions: [{ ...b.subscriptions[0], start_date: '26/11/2026' }] }), 'subscriptions.0.start_date'],
    ['no subscriptions', (b) => ({ ...b, subscriptions: [] }), 'subscriptions'],
    ['the same product twice', (b) => ({ ...b, subscriptions: [b.subscriptions[0], { ...b.subscriptions[1], product_id: h.products.tbox }] }), 'subscriptions.1.product_id'],
    ['an unknown product', (b) => ({ ...b, subscriptions: [{ ...b.subscriptions[0], product_id: 9999 }] }), 'subscriptions.0.product_id'],
    ['a reseller of another partner', (b) => ({ ...b, partner_id: h.partners.beta }), 'reseller_id'],
    ['neither partner nor reseller', ({ reseller_id: _r, ...rest }) => rest, 'partner_id'],
  ];
  for (const [what, make, field] of invalid) {
    it(`400 naming ${field} for ${what}, and nothing is written`, async () => {
      const before = await snapshot();
      const res = await api().post('/api/clients').send(make(valid()) as object);
      expect(res.status, JSON.stringify(res.body)).toBe(400);
      expect(res.body.errors).toHaveProperty([field]);
      expect(typeof res.body.message).toBe('string');
      expect(await snapshot()).toEqual(before);
    });
  }

  it('malformed JSON is a 400, not a 500', async () => {
    const res = await api().post('/api/clients').set('Content-Type', 'application/json').send('{"name": ');
    expect(res.status).toBe(400);
    expect(typeof res.body.message).toBe('string');
  });

  it('409 when the pool is short, and then nothing at all was written', async () => {
    const before = await snapshot();
    const body = valid();
    body.subscriptions[1].seats = 21; // TBox fits (6 of 20), TSend does not (21 of 20)
    const res = await api().post('/api/clients').send(body);
    expect(res.status).toBe(409);
    expect(res.body.message).toMatch(/21/);
    expect(await snapshot()).toEqual(before);
    expect(await count('clients')).toBe(0);
    expect(await poolBalance(t, { resellerId: h.resellers.alphaNord }, h.products.tbox)).toBe(20);
    expect((await api().get('/api/clients')).headers['content-range']).toMatch(/^clients \d+-\d+\/0$/);
    await expectLedgerConsistent(t);
  });

  it('a pool exactly large enough is emptied to 0', async () => {
    const body = valid();
    body.subscriptions = [{ product_id: h.products.tsend, start_date: TODAY, years: 4, seats: 5 }];
    const res = await api().post('/api/clients').send(body);
    expect(res.status).toBe(201);
    expect(await poolBalance(t, { resellerId: h.resellers.alphaNord }, h.products.tsend)).toBe(0);
    await expectLedgerConsistent(t);
  });

  it('with an Idempotency-Key, a repeated creation creates one client', async () => {
    const first = await api().post('/api/clients').set('Idempotency-Key', 'create-1').send(valid());
    const again = await api().post('/api/clients').set('Idempotency-Key', 'create-1').send(valid());
    expect(first.status).toBe(201);
    expect(again.status).toBe(201);
    expect(again.body).toEqual(first.body);
    expect(await count('clients')).toBe(1);
    expect(await poolBalance(t, { resellerId: h.resellers.alphaNord }, h.products.tbox)).toBe(14);
    await expectLedgerConsistent(t);
  });
});

/**
 * Renewal fixtures: Alpha Nord holds 50 TBox after creating
 * - Expirant (12 seats, 2026-02-15 1y → ends 2027-02-14: expiring)
 * - Expiré (3 seats, 2025-01-10 1y → ended 2026-01-09: expired)
 * - Actif (2 seats, 2026-06-01 1y → ends 2027-05-31: active)
 */
describe('renewal', () => {
  let expiring: number;
  let expired: number;
  let active: number;
  const pool = () => poolBalance(t, { resellerId: h.resellers.alphaNord }, h.products.tbox);

  beforeEach(async () => {
    await fundReseller(t, h.resellers.alphaNord, h.products.tbox, 50 + 12 + 3 + 2);
    const make = async (name: string, start_date: string, seats: number) =>
      (await addClient(t, { name, reseller_id: h.resellers.alphaNord, subscriptions: [{ product_id: h.products.tbox, start_date, years: 1, seats }] }))
        .subscriptionIds[0];
    expiring = await make('Expirant', '2026-02-15', 12);
    expired = await make('Expiré', '2025-01-10', 3);
    active = await make('Actif', '2026-06-01', 2);
    expect(await pool()).toBe(50);
  });

  describe('GET /api/subscriptions/:id/renewal-quote', () => {
    it('pool 50, 12 seats × 2 years: cost 24, 26 left; starts the day after the current end', async () => {
      const res = await api().get(`/api/subscriptions/${expiring}/renewal-quote`).query({ years: 2 });
      expect(res.status, JSON.stringify(res.body)).toBe(200);
      const poolRow = await t.db.selectFrom('pools').select('id').where('reseller_id', '=', h.resellers.alphaNord).where('product_id', '=', h.products.tbox).executeTakeFirstOrThrow();
      expect(res.body).toMatchObject({ pool_id: poolRow.id, balance: 50, cost: 24, remaining_after: 26, start_date: '2027-02-15', end_date: '2029-02-14' });
    });

    it('seats can be given: 5 seats × 2 years cost 10', async () => {
      const res = await api().get(`/api/subscriptions/${expiring}/renewal-quote`).query({ years: 2, seats: 5 });
      expect(res.body).toMatchObject({ cost: 10, remaining_after: 40 });
    });

    it('an active subscription: time is added after its end, no day lost', async () => {
      const res = await api().get(`/api/subscriptions/${active}/renewal-quote`).query({ years: 1 });
      expect(res.body).toMatchObject({ start_date: '2027-06-01', end_date: '2028-05-31', cost: 2 });
    });

    it('an expired subscription restarts today', async () => {
      const res = await api().get(`/api/subscriptions/${expired}/renewal-quote`).query({ years: 2 });
      expect(res.body).toMatchObject({ start_date: TODAY, end_date: '2028-11-25', cost: 6, remaining_after: 44 });
    });

    it('a short pool answers 200 with a negative remaining_after, and a quote changes nothing', async () => {
      const before = await snapshot();
      const res = await api().get(`/api/subscriptions/${expiring}/renewal-quote`).query({ years: 5 });
      expect(res.status).toBe(200);
      expect(res.body).toMatchObject({ balance: 50, cost: 60, remaining_after: -10 });
      expect(await snapshot()).toEqual(before);
    });

    it('400 for years 0, 11 or not a number; 400 for seats 0', async () => {
      for (const query of [{ years: 0 }, { years: 11 }, { years: 'two' }]) {
        const res = await api().get(`/api/subscriptions/${expiring}/renewal-quote`).query(query);
        expect(res.status, JSON.stringify(query)).toBe(400);
        expect(res.body.errors).toHaveProperty('years');
      }
      const seats = await api().get(`/api/subscriptions/${expiring}/renewal-quote`).query({ years: 1, seats: 0 });
      expect(seats.status).toBe(400);
      expect(seats.body.errors).toHaveProperty('seats');
    });

    it('404 for an unknown subscription', async () => {
      const res = await api().get('/api/subscriptions/9999/renewal-quote').query({ years: 1 });
      expect(res.status).toBe(404);
      expect(typeof res.body.message).toBe('string');
    });
  });

  describe('POST /api/subscriptions/:id/renew', () => {
    it('renews an expiring subscription: 201, remaining_after, status renewed, pool and ledger follow', async () => {
      const res = await api().post(`/api/subscriptions/${expiring}/renew`).send({ years: 2 });
      expect(res.status, JSON.stringify(res.body)).toBe(201);
      expect(res.body).toMatchObject({
        id: expiring,
        remaining_after: 26,
        status: 'renewed',
        renewed: true,
        to_renew: false,
        // the shown term is still the current one
        start_date: '2026-02-15',
        end_date: '2027-02-14',
        seats: 12,
      });
      expect(await pool()).toBe(26);
      const terms = await api().get('/api/terms').query({ filter: JSON.stringify({ subscription_id: expiring }), sort: JSON.stringify(['start_date', 'ASC']) });
      expect(terms.body.map((x: Record<string, unknown>) => [x.start_date, x.end_date, x.years, x.seats])).toEqual([
        ['2026-02-15', '2027-02-14', 1, 12],
        ['2027-02-15', '2029-02-14', 2, 12],
      ]);
      const movements = await api().get('/api/movements').query({ filter: JSON.stringify({ subscription_id: expiring }), sort: JSON.stringify(['id', 'ASC']) });
      expect(movements.body.map((m: Record<string, unknown>) => [m.kind, m.quantity])).toEqual([
        ['consume', 12],
        ['consume', 24],
      ]);
      // The client leaves "Clients à renouveler".
      const client = await api().get('/api/subscriptions/' + expiring);
      const toRenew = await api().get('/api/clients').query({ filter: JSON.stringify({ to_renew: true }) });
      expect(toRenew.body.map((c: Record<string, unknown>) => c.id)).not.toContain(client.body.client_id);
      await expectLedgerConsistent(t);
    });

    it('renews an expired subscription from today: it becomes active', async () => {
      const res = await api().post(`/api/subscriptions/${expired}/renew`).send({ years: 1 });
      expect(res.status).toBe(201);
      expect(res.body).toMatchObject({ status: 'active', renewed: false, start_date: TODAY, end_date: '2027-11-25', seats: 3, remaining_after: 47 });
      await expectLedgerConsistent(t);
    });

    it('renews with other seats', async () => {
      const res = await api().post(`/api/subscriptions/${active}/renew`).send({ years: 3, seats: 4 });
      expect(res.status).toBe(201);
      expect(res.body.remaining_after).toBe(50 - 12);
      const latest = await t.db.selectFrom('terms').selectAll().where('subscription_id', '=', active).orderBy('start_date', 'desc').executeTakeFirstOrThrow();
      expect(latest).toMatchObject({ start_date: '2027-06-01', end_date: '2030-05-31', years: 3, seats: 4 });
      await expectLedgerConsistent(t);
    });

    it('409 {message} when licenses are short, and nothing changes', async () => {
      const before = await snapshot();
      const res = await api().post(`/api/subscriptions/${expiring}/renew`).send({ years: 5 });
      expect(res.status).toBe(409);
      expect(typeof res.body.message).toBe('string');
      // A code and its numbers, so the console can say it in French.
      expect(res.body).toMatchObject({ code: 'insufficient_licenses', details: { needed: res.body.details.needed, balance: res.body.details.balance } });
      expect(res.body.details.needed).toBeGreaterThan(res.body.details.balance);
      expect(await snapshot()).toEqual(before);
      expect((await api().get(`/api/subscriptions/${expiring}`)).body).toMatchObject({ status: 'expiring', renewed: false });
      await expectLedgerConsistent(t);
    });

    it('renewing an already renewed subscription adds after its latest term', async () => {
      await api().post(`/api/subscriptions/${active}/renew`).send({ years: 1 });
      const quote = await api().get(`/api/subscriptions/${active}/renewal-quote`).query({ years: 1 });
      expect(quote.body).toMatchObject({ start_date: '2028-06-01', end_date: '2029-05-31', cost: 2, remaining_after: 46 });
      const res = await api().post(`/api/subscriptions/${active}/renew`).send({ years: 1 });
      expect(res.status).toBe(201);
      expect(res.body).toMatchObject({ status: 'renewed', start_date: '2026-06-01', end_date: '2027-05-31', remaining_after: 46 });
      await expectLedgerConsistent(t);
    });

    it('two concurrent renewals never oversell the pool', async () => {
      // 50 left; each renewal of Expirant for 3 years costs 36: only one can pass.
      const send = () => api().post(`/api/subscriptions/${expiring}/renew`).send({ years: 3 });
      const results = await Promise.all([send(), send(), send()]);
      expect(results.map((r) => r.status).sort()).toEqual([201, 409, 409]);
      expect(await pool()).toBe(14);
      await expectLedgerConsistent(t);
    });

    it('a renewal that empties the pool exactly is allowed', async () => {
      const res = await api().post(`/api/subscriptions/${active}/renew`).send({ years: 5, seats: 10 });
      expect(res.status).toBe(201);
      expect(res.body.remaining_after).toBe(0);
      await expectLedgerConsistent(t);
    });

    it('renewing clears cancelled', async () => {
      const put = await api().put(`/api/subscriptions/${expiring}`).send({ cancelled: true });
      expect(put.body).toMatchObject({ cancelled: true, status: 'cancelled', to_renew: false });
      const res = await api().post(`/api/subscriptions/${expiring}/renew`).send({ years: 1 });
      expect(res.status).toBe(201);
      expect(res.body).toMatchObject({ cancelled: false, status: 'renewed' });
      expect((await api().get(`/api/subscriptions/${expiring}`)).body.cancelled).toBe(false);
      await expectLedgerConsistent(t);
    });

    it('an expired subscription that was cancelled and is renewed is active again', async () => {
      await api().put(`/api/subscriptions/${expired}`).send({ cancelled: true });
      const res = await api().post(`/api/subscriptions/${expired}/renew`).send({ years: 1 });
      expect(res.body).toMatchObject({ cancelled: false, status: 'active' });
    });

    it('400 for years 0 or 11, seats 0, and nothing changes', async () => {
      const before = await snapshot();
      for (const body of [{ years: 0 }, { years: 11 }, { years: 1, seats: 0 }, {}]) {
        const res = await api().post(`/api/subscriptions/${expiring}/renew`).send(body);
        expect(res.status, JSON.stringify(body)).toBe(400);
        expect(Object.keys(res.body.errors ?? {})).not.toHaveLength(0);
      }
      expect(await snapshot()).toEqual(before);
    });

    it('404 for an unknown subscription, 400 for a non-numeric id', async () => {
      expect((await api().post('/api/subscriptions/9999/renew').send({ years: 1 })).status).toBe(404);
      expect((await api().post('/api/subscriptions/abc/renew').send({ years: 1 })).status).toBe(400);
    });
  });

  describe('Idempotency-Key', () => {
    it('the same key twice: same status and body, licenses consumed once', async () => {
      const first = await api().post(`/api/subscriptions/${expiring}/renew`).set('Idempotency-Key', 'renew-1').send({ years: 2 });
      const again = await api().post(`/api/subscriptions/${expiring}/renew`).set('Idempotency-Key', 'renew-1').send({ years: 2 });
      expect(first.status).toBe(201);
      expect(again.status).toBe(201);
      expect(again.body).toEqual(first.body);
      expect(await pool()).toBe(26);
      expect(await t.db.selectFrom('terms').select('id').where('subscription_id', '=', expiring).execute()).toHaveLength(2);
      await expectLedgerConsistent(t);
    });

    it('without a key, the same request twice renews twice', async () => {
      await api().post(`/api/subscriptions/${expiring}/renew`).send({ years: 1 });
      await api().post(`/api/subscriptions/${expiring}/renew`).send({ years: 1 });
      expect(await pool()).toBe(50 - 24);
      await expectLedgerConsistent(t);
    });

    it('the same key with another body is refused with 422 and changes nothing', async () => {
      await api().post(`/api/subscriptions/${expiring}/renew`).set('Idempotency-Key', 'renew-2').send({ years: 1 });
      const before = await snapshot();
      const other = await api().post(`/api/subscriptions/${expiring}/renew`).set('Idempotency-Key', 'renew-2').send({ years: 2 });
      expect(other.status).toBe(422);
      expect(typeof other.body.message).toBe('string');
      expect(await snapshot()).toEqual(before);
    });

    it('the same key on another subscription (another path) is refused with 422', async () => {
      await api().post(`/api/subscriptions/${expiring}/renew`).set('Idempotency-Key', 'renew-3').send({ years: 1 });
      const other = await api().post(`/api/subscriptions/${active}/renew`).set('Idempotency-Key', 'renew-3').send({ years: 1 });
      expect(other.status).toBe(422);
      expect(await pool()).toBe(50 - 12);
    });

    it('a 409 is replayed too, even once the pool could pay', async () => {
      const first = await api().post(`/api/subscriptions/${expiring}/renew`).set('Idempotency-Key', 'renew-4').send({ years: 5 });
      expect(first.status).toBe(409);
      await fundReseller(t, h.resellers.alphaNord, h.products.tbox, 100);
      const again = await api().post(`/api/subscriptions/${expiring}/renew`).set('Idempotency-Key', 'renew-4').send({ years: 5 });
      expect(again.status).toBe(409);
      expect(again.body).toEqual(first.body);
      expect(await pool()).toBe(150);
      await expectLedgerConsistent(t);
    });

    it('a 400 stores nothing: the same key can then succeed', async () => {
      const bad = await api().post(`/api/subscriptions/${expiring}/renew`).set('Idempotency-Key', 'renew-5').send({ years: 0 });
      expect(bad.status).toBe(400);
      const good = await api().post(`/api/subscriptions/${expiring}/renew`).set('Idempotency-Key', 'renew-5').send({ years: 1 });
      expect(good.status).toBe(201);
      expect(good.body.remaining_after).toBe(38);
      await expectLedgerConsistent(t);
    });

    it('the key order of the body does not matter', async () => {
      await api().post(`/api/subscriptions/${expiring}/renew`).set('Idempotency-Key', 'renew-6').send({ years: 1, seats: 2 });
      const again = await api().post(`/api/subscriptions/${expiring}/renew`).set('Idempotency-Key', 'renew-6').send({ seats: 2, years: 1 });
      expect(again.status).toBe(201);
      expect(await pool()).toBe(48);
    });

    it('a key is still honoured the next day (kept at least 24 hours)', async () => {
      const first = await api().post(`/api/subscriptions/${expiring}/renew`).set('Idempotency-Key', 'renew-7').send({ years: 1 });
      t.clock.set('2026-11-27');
      const again = await api().post(`/api/subscriptions/${expiring}/renew`).set('Idempotency-Key', 'renew-7').send({ years: 1 });
      expect(again.status).toBe(first.status);
      expect(again.body).toEqual(first.body);
      expect(await pool()).toBe(38);
    });

    it('two concurrent requests with the same key act once', async () => {
      const send = () => api().post(`/api/subscriptions/${expiring}/renew`).set('Idempotency-Key', 'renew-8').send({ years: 1 });
      const [a, b] = await Promise.all([send(), send()]);
      expect([a.status, b.status]).toEqual([201, 201]);
      expect(b.body).toEqual(a.body);
      expect(await pool()).toBe(38);
      await expectLedgerConsistent(t);
    });

    it('a creation refused as invalid inside the domain (same product twice) stores nothing either', async () => {
      const sub = { product_id: h.products.tbox, start_date: TODAY, years: 1, seats: 1 };
      const bad = await api().post('/api/clients').set('Idempotency-Key', 'create-2').send({ name: 'Doublon', reseller_id: h.resellers.alphaNord, subscriptions: [sub, sub] });
      expect(bad.status).toBe(400);
      const good = await api().post('/api/clients').set('Idempotency-Key', 'create-2').send({ name: 'Doublon', reseller_id: h.resellers.alphaNord, subscriptions: [sub] });
      expect(good.status).toBe(201);
      expect(await pool()).toBe(49);
    });

    it('applies to allocations too', async () => {
      await grantPartner(t, h.partners.alpha, h.products.tsend, 10);
      const body = { product_id: h.products.tsend, reseller_id: h.resellers.alphaSud, quantity: 4 };
      const first = await api().post('/api/allocations').set('Idempotency-Key', 'alloc-1').send(body);
      const again = await api().post('/api/allocations').set('Idempotency-Key', 'alloc-1').send(body);
      expect(first.status).toBe(201);
      expect(again.body).toEqual(first.body);
      expect(await poolBalance(t, { resellerId: h.resellers.alphaSud }, h.products.tsend)).toBe(4);
      await expectLedgerConsistent(t);
    });
  });

  describe('POST /api/subscriptions/:id/seats', () => {
    it('a 1-year term started today: adding 2 seats costs 2', async () => {
      const { subscriptionIds } = await addClient(t, {
        name: 'Nouveau',
        reseller_id: h.resellers.alphaNord,
        subscriptions: [{ product_id: h.products.tbox, start_date: TODAY, years: 1, seats: 3 }],
      });
      expect(await pool()).toBe(47);
      const res = await api().post(`/api/subscriptions/${subscriptionIds[0]}/seats`).send({ seats: 5 });
      expect(res.status, JSON.stringify(res.body)).toBe(200);
      expect(res.body).toMatchObject({ seats: 5, cost: 2, remaining_after: 45 });
      expect(await pool()).toBe(45);
      expect((await api().get(`/api/subscriptions/${subscriptionIds[0]}`)).body.seats).toBe(5);
      await expectLedgerConsistent(t);
    });

    it('halfway through a term the prorated cost is rounded up', async () => {
      // Actif: 2026-06-01 → 2027-05-31 (365 days), today 2026-11-26: 187 days left (today through the end).
      // 3 seats more: ceil(3 × 1 × 187 / 365) = ceil(1.537) = 2
      const res = await api().post(`/api/subscriptions/${active}/seats`).send({ seats: 5 });
      expect(res.status).toBe(200);
      expect(res.body).toMatchObject({ cost: 2, seats: 5 });
      expect(await pool()).toBe(48);
      await expectLedgerConsistent(t);
    });

    it('a 2-year term counts both years: ceil(4 × 2 × 366 / 730) = 5', async () => {
      const { subscriptionIds } = await addClient(t, {
        name: 'Deux Ans',
        reseller_id: h.resellers.alphaNord,
        subscriptions: [{ product_id: h.products.tbox, start_date: '2025-11-27', years: 2, seats: 1 }], // ends 2027-11-26
      });
      const res = await api().post(`/api/subscriptions/${subscriptionIds[0]}/seats`).send({ seats: 5 });
      expect(res.body).toMatchObject({ cost: 5, seats: 5 });
      expect(await pool()).toBe(50 - 2 - 5);
      await expectLedgerConsistent(t);
    });

    it('removing seats costs 0 and refunds nothing', async () => {
      const before = await pool();
      const res = await api().post(`/api/subscriptions/${expiring}/seats`).send({ seats: 4 });
      expect(res.status).toBe(200);
      expect(res.body).toMatchObject({ cost: 0, seats: 4 });
      expect(await pool()).toBe(before);
      await expectLedgerConsistent(t);
    });

    it('409 when the pool cannot pay the added seats, and nothing changes', async () => {
      const before = await snapshot();
      const res = await api().post(`/api/subscriptions/${active}/seats`).send({ seats: 500 });
      expect(res.status).toBe(409);
      expect(await snapshot()).toEqual(before);
    });

    it('seats never go below 1', async () => {
      const res = await api().post(`/api/subscriptions/${active}/seats`).send({ seats: 0 });
      expect(res.status).toBe(400);
      expect(res.body.errors).toHaveProperty('seats');
    });
  });
});

describe('POST /api/grants and /api/allocations', () => {
  const partnerPool = () => poolBalance(t, { partnerId: h.partners.alpha }, h.products.tbox);
  const resellerPool = () => poolBalance(t, { resellerId: h.resellers.alphaNord }, h.products.tbox);

  it('a grant credits the partner pool and writes a grant movement with its reason', async () => {
    const res = await api().post('/api/grants').send({ product_id: h.products.tbox, partner_id: h.partners.alpha, quantity: 30, reason: 'Commande T4' });
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    expect(await partnerPool()).toBe(30);
    const movements = await api().get('/api/movements').query({ filter: JSON.stringify({ kind: 'grant' }) });
    expect(movements.body).toHaveLength(1);
    expect(movements.body[0]).toMatchObject({ kind: 'grant', product_id: h.products.tbox, quantity: 30, from_pool_id: null, reason: 'Commande T4' });
    const pools = await api().get('/api/pools').query({ filter: JSON.stringify({ holder_type: 'partner', holder_id: h.partners.alpha }) });
    expect(pools.body).toEqual([expect.objectContaining({ id: movements.body[0].to_pool_id, balance: 30, product_id: h.products.tbox })]);
    await expectLedgerConsistent(t);
  });

  it('a grant of 0 or less, or to an unknown partner, is a 400', async () => {
    for (const quantity of [0, -5]) {
      const res = await api().post('/api/grants').send({ product_id: h.products.tbox, partner_id: h.partners.alpha, quantity });
      expect(res.status).toBe(400);
      expect(res.body.errors).toHaveProperty('quantity');
    }
    const unknown = await api().post('/api/grants').send({ product_id: h.products.tbox, partner_id: 999, quantity: 1 });
    expect(unknown.status).toBe(400);
    expect(unknown.body.errors).toHaveProperty('partner_id');
    expect(await count('movements')).toBe(0);
  });

  describe('allocations', () => {
    beforeEach(async () => {
      await api().post('/api/grants').send({ product_id: h.products.tbox, partner_id: h.partners.alpha, quantity: 30 });
    });

    it('partner → reseller moves the balances and writes an allocate movement', async () => {
      const res = await api().post('/api/allocations').send({ product_id: h.products.tbox, reseller_id: h.resellers.alphaNord, quantity: 10 });
      expect(res.status, JSON.stringify(res.body)).toBe(201);
      expect(await partnerPool()).toBe(20);
      expect(await resellerPool()).toBe(10);
      const [movement] = (await api().get('/api/movements').query({ filter: JSON.stringify({ kind: 'allocate' }) })).body;
      const pools = (await api().get('/api/pools').query({ filter: JSON.stringify({ product_id: h.products.tbox }) })).body as Record<string, unknown>[];
      const idOf = (type: string, holder: number) => pools.find((p) => p.holder_type === type && p.holder_id === holder)!.id;
      expect(movement).toMatchObject({ kind: 'allocate', quantity: 10, from_pool_id: idOf('partner', h.partners.alpha), to_pool_id: idOf('reseller', h.resellers.alphaNord) });
      await expectLedgerConsistent(t);
    });

    it('a negative quantity reclaims licenses from the reseller (reclaim movement, positive quantity)', async () => {
      await api().post('/api/allocations').send({ product_id: h.products.tbox, reseller_id: h.resellers.alphaNord, quantity: 10 });
      const res = await api().post('/api/allocations').send({ product_id: h.products.tbox, reseller_id: h.resellers.alphaNord, quantity: -4 });
      expect(res.status, JSON.stringify(res.body)).toBe(201);
      expect(await partnerPool()).toBe(24);
      expect(await resellerPool()).toBe(6);
      const [movement] = (await api().get('/api/movements').query({ filter: JSON.stringify({ kind: 'reclaim' }) })).body;
      expect(movement).toMatchObject({ kind: 'reclaim', quantity: 4 });
      const allocate = (await api().get('/api/movements').query({ filter: JSON.stringify({ kind: 'allocate' }) })).body[0];
      expect([movement.from_pool_id, movement.to_pool_id]).toEqual([allocate.to_pool_id, allocate.from_pool_id]);
      await expectLedgerConsistent(t);
    });

    it('409 when the debited pool is short (partner for an allocation, reseller for a reclaim)', async () => {
      const before = await snapshot();
      const allocate = await api().post('/api/allocations').send({ product_id: h.products.tbox, reseller_id: h.resellers.alphaNord, quantity: 31 });
      expect(allocate.status).toBe(409);
      expect(typeof allocate.body.message).toBe('string');
      const reclaim = await api().post('/api/allocations').send({ product_id: h.products.tbox, reseller_id: h.resellers.alphaNord, quantity: -1 });
      expect(reclaim.status).toBe(409);
      const after = await snapshot();
      expect(after.movements).toEqual(before.movements);
      expect(await partnerPool()).toBe(30);
      expect(await resellerPool()).toBe(0);
      await expectLedgerConsistent(t);
    });

    it('400 for quantity 0, a fractional quantity or an unknown reseller', async () => {
      const zero = await api().post('/api/allocations').send({ product_id: h.products.tbox, reseller_id: h.resellers.alphaNord, quantity: 0 });
      expect(zero.status).toBe(400);
      expect(zero.body.errors).toHaveProperty('quantity');
      const half = await api().post('/api/allocations').send({ product_id: h.products.tbox, reseller_id: h.resellers.alphaNord, quantity: 1.5 });
      expect(half.status).toBe(400);
      expect(half.body.errors).toHaveProperty('quantity');
      const unknown = await api().post('/api/allocations').send({ product_id: h.products.tbox, reseller_id: 999, quantity: 1 });
      expect(unknown.status).toBe(400);
      expect(unknown.body.errors).toHaveProperty('reseller_id');
      expect(await partnerPool()).toBe(30);
    });
  });
});

describe('PUT: react-admin sends the whole record', () => {
  it('partners: extra fields are ignored, the answer is the record', async () => {
    const record = (await api().get(`/api/partners/${h.partners.alpha}`)).body;
    const res = await api().put(`/api/partners/${h.partners.alpha}`).send({ ...record, name: 'Alpha Conseil', pools_count: 7, id: h.partners.alpha });
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect(res.body).toEqual({ id: h.partners.alpha, name: 'Alpha Conseil', email: 'alpha@example.fr', require_totp: false, ...NO_BILLING_DETAILS });
    expect((await api().get(`/api/partners/${h.partners.alpha}`)).body.name).toBe('Alpha Conseil');
  });

  it('partners: 400 naming email for a bad email, 404 for an unknown id', async () => {
    const bad = await api().put(`/api/partners/${h.partners.alpha}`).send({ id: h.partners.alpha, name: 'Alpha', email: 'not-an-email' });
    expect(bad.status).toBe(400);
    expect(bad.body.errors).toHaveProperty('email');
    const missing = await api().put('/api/partners/999').send({ id: 999, name: 'X', email: 'x@example.fr' });
    expect(missing.status).toBe(404);
  });

  it('resellers: the name and email change', async () => {
    const record = (await api().get(`/api/resellers/${h.resellers.alphaNord}`)).body;
    const res = await api().put(`/api/resellers/${h.resellers.alphaNord}`).send({ ...record, name: 'Alpha Nord-Est', email: 'nordest@example.fr' });
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ id: h.resellers.alphaNord, name: 'Alpha Nord-Est', email: 'nordest@example.fr', partner_id: h.partners.alpha, require_totp: false, ...NO_BILLING_DETAILS });
  });

  it('products: code and name change', async () => {
    const res = await api().put(`/api/products/${h.products.tsend}`).send({ id: h.products.tsend, code: 'TSEND2', name: 'TSend 2' });
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ id: h.products.tsend, code: 'TSEND2', name: 'TSend 2' });
  });

  it('products: a code already used is a 409', async () => {
    const res = await api().put(`/api/products/${h.products.tsend}`).send({ id: h.products.tsend, code: 'TBox', name: 'TSend' });
    expect(res.status).toBe(409);
  });

  it('clients: derived fields sent back (status, end_date, to_renew) are ignored; the name changes everywhere', async () => {
    await fundReseller(t, h.resellers.alphaNord, h.products.tbox, 5);
    const { id, subscriptionIds } = await addClient(t, {
      name: 'Atelier Dupont',
      reseller_id: h.resellers.alphaNord,
      subscriptions: [{ product_id: h.products.tbox, start_date: '2026-01-15', years: 1, seats: 2 }],
    });
    const record = (await api().get(`/api/clients/${id}`)).body;
    expect(record).toMatchObject({ status: 'expiring', to_renew: true });
    const res = await api()
      .put(`/api/clients/${id}`)
      .send({ ...record, name: 'Atelier Dupont & Fils', status: 'active', end_date: '2030-01-01', to_renew: false, created_at: 'x' });
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect(res.body).toMatchObject({ id, name: 'Atelier Dupont & Fils', status: 'expiring', end_date: '2027-01-14', to_renew: true, reseller_id: h.resellers.alphaNord });
    const sub = (await api().get(`/api/subscriptions/${subscriptionIds[0]}`)).body;
    expect(sub.client_name).toBe('Atelier Dupont & Fils');
    expect(await poolBalance(t, { resellerId: h.resellers.alphaNord }, h.products.tbox)).toBe(3);
  });

  it('clients: moving to a reseller of another partner is a 400', async () => {
    await fundReseller(t, h.resellers.alphaNord, h.products.tbox, 1);
    const { id } = await addClient(t, {
      name: 'Atelier Dupont',
      reseller_id: h.resellers.alphaNord,
      subscriptions: [{ product_id: h.products.tbox, start_date: TODAY, years: 1, seats: 1 }],
    });
    const record = (await api().get(`/api/clients/${id}`)).body;
    const res = await api().put(`/api/clients/${id}`).send({ ...record, reseller_id: h.resellers.betaEst });
    expect(res.status).toBe(400);
    expect(res.body.errors).toHaveProperty('reseller_id');
    expect((await api().get(`/api/clients/${id}`)).body.reseller_id).toBe(h.resellers.alphaNord);
  });

  it('clients: 404 for an unknown client', async () => {
    expect((await api().put('/api/clients/999').send({ id: 999, name: 'X' })).status).toBe(404);
  });

  it('subscriptions: only the flags change; the shown term sent back is ignored and no license moves', async () => {
    await fundReseller(t, h.resellers.alphaNord, h.products.tbox, 5);
    const { subscriptionIds } = await addClient(t, {
      name: 'Atelier Dupont',
      reseller_id: h.resellers.alphaNord,
      subscriptions: [{ product_id: h.products.tbox, start_date: '2026-01-15', years: 1, seats: 2 }],
    });
    const id = subscriptionIds[0];
    const record = (await api().get(`/api/subscriptions/${id}`)).body;
    const res = await api()
      .put(`/api/subscriptions/${id}`)
      .send({ ...record, auto_renew: true, seats: 40, years: 9, end_date: '2040-01-01', status: 'active', renewed: true });
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect(res.body).toMatchObject({ id, auto_renew: true, cancelled: false, seats: 2, years: 1, end_date: '2027-01-14', status: 'expiring', renewed: false });
    const cancel = await api().put(`/api/subscriptions/${id}`).send({ ...res.body, cancelled: true });
    expect(cancel.body).toMatchObject({ cancelled: true, auto_renew: true, status: 'cancelled', to_renew: false });
    expect(await poolBalance(t, { resellerId: h.resellers.alphaNord }, h.products.tbox)).toBe(3);
    await expectLedgerConsistent(t);
  });

  it('subscriptions: a flag that is not a boolean is a 400; an unknown id is a 404', async () => {
    await fundReseller(t, h.resellers.alphaNord, h.products.tbox, 1);
    const { subscriptionIds } = await addClient(t, {
      name: 'X',
      reseller_id: h.resellers.alphaNord,
      subscriptions: [{ product_id: h.products.tbox, start_date: TODAY, years: 1, seats: 1 }],
    });
    const bad = await api().put(`/api/subscriptions/${subscriptionIds[0]}`).send({ cancelled: 'yes' });
    expect(bad.status).toBe(400);
    expect(bad.body.errors).toHaveProperty('cancelled');
    expect((await api().put('/api/subscriptions/999').send({ cancelled: true })).status).toBe(404);
  });
});

describe('POST and DELETE on products, partners, resellers', () => {
  it('POST creates with an id (201)', async () => {
    const product = await api().post('/api/products').send({ code: 'TSign', name: 'TSign' });
    expect(product.status).toBe(201);
    expect(product.body).toEqual({ id: expect.any(Number), code: 'TSign', name: 'TSign' });
    const partner = await api().post('/api/partners').send({ name: 'Gamma', email: 'gamma@example.fr' });
    expect(partner.status).toBe(201);
    const reseller = await api().post('/api/resellers').send({ name: 'Gamma Ouest', email: 'ouest@example.fr', partner_id: partner.body.id });
    expect(reseller.status).toBe(201);
    expect(reseller.body).toEqual({ id: expect.any(Number), name: 'Gamma Ouest', email: 'ouest@example.fr', partner_id: partner.body.id, require_totp: false, ...NO_BILLING_DETAILS });
  });

  it('POST a reseller of an unknown partner is a 400 naming partner_id', async () => {
    const res = await api().post('/api/resellers').send({ name: 'Orphelin', email: 'o@example.fr', partner_id: 999 });
    expect(res.status).toBe(400);
    expect(res.body.errors).toHaveProperty('partner_id');
  });

  it('DELETE an unused product, partner or reseller answers the deleted record', async () => {
    const product = (await api().post('/api/products').send({ code: 'TSign', name: 'TSign' })).body;
    const del = await api().delete(`/api/products/${product.id}`);
    expect(del.status).toBe(200);
    expect(del.body).toEqual(product);
    expect((await api().get(`/api/products/${product.id}`)).status).toBe(404);

    const reseller = (await api().get(`/api/resellers/${h.resellers.alphaSud}`)).body;
    const delReseller = await api().delete(`/api/resellers/${h.resellers.alphaSud}`);
    expect(delReseller.status).toBe(200);
    expect(delReseller.body).toEqual(reseller);
    expect((await api().get('/api/resellers')).headers['content-range']).toBe('resellers 0-1/2');

    const partner = (await api().post('/api/partners').send({ name: 'Gamma', email: 'gamma@example.fr' })).body;
    const delPartner = await api().delete(`/api/partners/${partner.id}`);
    expect(delPartner.status).toBe(200);
    expect(delPartner.body).toEqual(partner);
  });

  it('DELETE what is in use is a 409 and deletes nothing', async () => {
    await fundReseller(t, h.resellers.alphaNord, h.products.tbox, 5);
    const product = await api().delete(`/api/products/${h.products.tbox}`);
    expect(product.status).toBe(409);
    expect(typeof product.body.message).toBe('string');
    const partner = await api().delete(`/api/partners/${h.partners.beta}`); // has reseller Beta Est
    expect(partner.status).toBe(409);
    const reseller = await api().delete(`/api/resellers/${h.resellers.alphaNord}`); // holds a pool
    expect(reseller.status).toBe(409);
    expect((await api().get(`/api/products/${h.products.tbox}`)).status).toBe(200);
    expect((await api().get(`/api/partners/${h.partners.beta}`)).status).toBe(200);
    expect((await api().get(`/api/resellers/${h.resellers.alphaNord}`)).status).toBe(200);
  });

  it('DELETE an unknown id is a 404', async () => {
    for (const resource of ['products', 'partners', 'resellers']) {
      const res = await api().delete(`/api/${resource}/999`);
      expect(res.status, resource).toBe(404);
    }
  });
});

describe('GET /api/dashboard', () => {
  it('counts clients to renew, subscriptions per status, pools and what falls due per month', async () => {
    t = await testApp(TODAY);
    const s = await statusScenario(t);
    const res = await api().get('/api/dashboard');
    expect(res.status).toBe(200);
    // Atelier Dupont has two subscriptions to renew but is one client; Boulangerie Martin is the other.
    expect(res.body).toMatchObject({ clients_to_renew: 2, expiring: 2, expired: 1, active: 1, renewed: 1, not_started: 1, cancelled: 1 });
    expect(res.body.pools).toHaveLength(7);
    expect(res.body.pools).toContainEqual(
      expect.objectContaining({ holder_type: 'reseller', holder_id: s.resellers.alphaNord, product_id: s.products.tbox, balance: 46 }),
    );
    expect(res.body.pools).toContainEqual(expect.objectContaining({ holder_type: 'partner', holder_id: s.partners.beta, product_id: s.products.tsend, balance: 32 }));
    const months = res.body.due_by_month as { month: string; subscriptions: number; seats: number }[];
    expect(months.map((m) => m.month)).toEqual([
      '2026-11', '2026-12', '2027-01', '2027-02', '2027-03', '2027-04', '2027-05', '2027-06', '2027-07', '2027-08', '2027-09', '2027-10',
    ]);
    const due = Object.fromEntries(months.map((m) => [m.month, [m.subscriptions, m.seats]]));
    expect(due['2027-01']).toEqual([1, 2]); // Atelier Dupont TBox (Fromagerie Petit is cancelled)
    expect(due['2027-02']).toEqual([1, 1]); // Atelier Dupont TSend
    expect(due['2027-05']).toEqual([1, 3]); // Cabinet Leroy
    expect(due['2026-11']).toEqual([0, 0]); // Domaine Moreau ends 2026-11-30 but is already renewed
  });

  it('on an empty database every figure is 0 and there are still 12 months', async () => {
    t = await testApp('2026-01-31');
    const res = await api().get('/api/dashboard');
    expect(res.body).toMatchObject({ clients_to_renew: 0, expiring: 0, expired: 0, active: 0, renewed: 0, not_started: 0, cancelled: 0, pools: [] });
    expect(res.body.due_by_month.map((m: { month: string }) => m.month)).toEqual([
      '2026-01', '2026-02', '2026-03', '2026-04', '2026-05', '2026-06', '2026-07', '2026-08', '2026-09', '2026-10', '2026-11', '2026-12',
    ]);
  });

  it('a renewal moves the figures', async () => {
    t = await testApp(TODAY);
    const s = await statusScenario(t);
    await api().post(`/api/subscriptions/${s.subs.boulangerie}/renew`).send({ years: 1 });
    const res = await api().get('/api/dashboard');
    expect(res.body).toMatchObject({ clients_to_renew: 1, expired: 0, active: 2 });
    await expectLedgerConsistent(t);
  });
});

describe('unknown routes', () => {
  it('the read-only resources (terms, pools, movements) cannot be written', async () => {
    await fundReseller(t, h.resellers.alphaNord, h.products.tbox, 5);
    const before = await snapshot();
    for (const resource of ['terms', 'pools', 'movements']) {
      const [first] = (await api().get(`/api/${resource}`)).body as { id: number }[];
      const id = first?.id ?? 1;
      for (const res of [
        await api().post(`/api/${resource}`).send({ quantity: 1000, balance: 1000 }),
        await api().put(`/api/${resource}/${id}`).send({ quantity: 1000, balance: 1000 }),
        await api().delete(`/api/${resource}/${id}`),
      ]) {
        expect([404, 405]).toContain(res.status);
        expect(typeof res.body.message).toBe('string');
      }
    }
    expect(await snapshot()).toEqual(before);
  });

  it('an unknown /api route is a 404 JSON answer', async () => {
    for (const [method, path] of [
      ['get', '/api/nothing'],
      ['post', '/api/nothing'],
      ['get', '/api/clients/1/nothing'],
      ['delete', '/api/clients/1'],
    ] as const) {
      const res = await api()[method](path);
      expect(res.status, `${method} ${path}`).toBe(404);
      expect(res.headers['content-type']).toMatch(/application\/json/);
      expect(typeof res.body.message).toBe('string');
    }
  });
});
