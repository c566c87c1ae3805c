import request from 'supertest';
import { beforeEach, describe, expect, it } from 'vitest';
import { addClient, buildHierarchy, fundReseller, poolBalance } from '../helpers/fixtures.ts';
import { sessionCookieFor, testApp } from '../helpers/testApp.ts';
import { TODAY, expectLedgerConsistent, listQuery, type TestApp } from './scenario.ts';

/** Issue 12: editing a client: rename, client reference, move to another reseller, add a product. */

let t: TestApp;
let h: Awaited<ReturnType<typeof buildHierarchy>>;
let client: number;
const api = () => request(t.app);
const asLogin = async (login: Parameters<typeof sessionCookieFor>[1]) => {
  const cookie = await sessionCookieFor(t, login);
  return {
    put: (path: string, body: object) => request(t.server).put(path).set('Cookie', cookie).send(body),
    post: (path: string, body: object) => request(t.server).post(path).set('Cookie', cookie).send(body),
  };
};
const nordPool = (product: number) => poolBalance(t, { resellerId: h.resellers.alphaNord }, product);

beforeEach(async () => {
  t = await testApp(TODAY);
  h = await buildHierarchy(t);
  await fundReseller(t, h.resellers.alphaNord, h.products.tbox, 20);
  await fundReseller(t, h.resellers.alphaNord, h.products.tsend, 10);
  client = (await addClient(t, { name: 'Librairie Blanc', reseller_id: h.resellers.alphaNord, subscriptions: [{ product_id: h.products.tbox, start_date: TODAY, years: 1, seats: 2 }] })).id;
});

describe('client reference', () => {
  it('is set on creation (trimmed), listed, searched by q and filtered by equality', async () => {
    const created = await api()
      .post('/api/clients')
      .send({ name: 'Atelier Dupont', reference: '  CLI-0042 ', reseller_id: h.resellers.alphaNord, subscriptions: [{ product_id: h.products.tbox, start_date: TODAY, years: 1, seats: 1 }] });
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    expect(created.body.reference).toBe('CLI-0042');
    expect((await api().get(`/api/clients/${client}`)).body.reference).toBeNull();
    const found = await api().get('/api/clients').query(listQuery({ filter: { q: 'cli-0042' } }));
    expect(found.body.map((c: { name: string }) => c.name)).toEqual(['Atelier Dupont']);
    const subscriptions = await api().get('/api/subscriptions').query(listQuery({ filter: { q: '0042' } }));
    expect(subscriptions.body.map((s: { client_name: string }) => s.client_name)).toEqual(['Atelier Dupont']);
    const equal = await api().get('/api/clients').query(listQuery({ filter: { reference: 'CLI-0042' } }));
    expect(equal.body).toHaveLength(1);
  });

  it('is unique per manager whatever its case; another reseller may use it; clearing frees it', async () => {
    expect((await api().put(`/api/clients/${client}`).send({ reference: 'Réf-É1' })).body.reference).toBe('Réf-É1');
    const other = (await addClient(t, { name: 'Atelier Dupont', reseller_id: h.resellers.alphaNord, subscriptions: [{ product_id: h.products.tsend, start_date: TODAY, years: 1, seats: 1 }] })).id;
    const taken = await api().put(`/api/clients/${other}`).send({ reference: 'réf-é1' });
    expect(taken.status).toBe(409);
    expect(taken.body.errors).toHaveProperty('reference');
    expect((await api().get(`/api/clients/${other}`)).body.reference).toBeNull();

    await fundReseller(t, h.resellers.alphaSud, h.products.tbox, 1);
    const elsewhere = await api()
      .post('/api/clients')
      .send({ name: 'Cabinet Leroy', reference: 'RÉF-É1', reseller_id: h.resellers.alphaSud, subscriptions: [{ product_id: h.products.tbox, start_date: TODAY, years: 1, seats: 1 }] });
    expect(elsewhere.status, JSON.stringify(elsewhere.body)).toBe(201);

    expect((await api().put(`/api/clients/${client}`).send({ reference: '' })).body.reference).toBeNull();
    expect((await api().put(`/api/clients/${other}`).send({ reference: 'RÉF-É1' })).status).toBe(200);
  });

  it('a move to a reseller where the reference is taken is a 409, and nothing moves', async () => {
    await fundReseller(t, h.resellers.alphaSud, h.products.tbox, 5);
    const sud = (await addClient(t, { name: 'Sud', reseller_id: h.resellers.alphaSud, subscriptions: [{ product_id: h.products.tbox, start_date: TODAY, years: 1, seats: 1 }] })).id;
    await api().put(`/api/clients/${sud}`).send({ reference: 'X1' }).expect(200);
    await api().put(`/api/clients/${client}`).send({ reference: 'x1' }).expect(200);
    const moved = await api().put(`/api/clients/${client}`).send({ reseller_id: h.resellers.alphaSud });
    expect(moved.status).toBe(409);
    expect(moved.body.errors).toHaveProperty('reference');
    expect((await api().get(`/api/clients/${client}`)).body.reseller_id).toBe(h.resellers.alphaNord);
  });

  const bad: [string, unknown][] = [
    ['65 characters', 'x'.repeat(65)],
    ['a number', 42],
    ['a control character', 'CLI\u0000'],
    ['a list', ['CLI']],
  ];
  for (const [what, reference] of bad) {
    it(`400 naming reference for ${what}`, async () => {
      const res = await api().put(`/api/clients/${client}`).send({ reference });
      expect(res.status, JSON.stringify(res.body)).toBe(400);
      expect(res.body.errors).toHaveProperty('reference');
    });
  }

  it('64 characters (the emoji counts two) and unicode are kept as given', async () => {
    const reference = `${'é'.repeat(62)}Ω😀`;
    const res = await api().put(`/api/clients/${client}`).send({ reference });
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect(res.body.reference).toBe(reference);
  });
});

describe('PUT /api/clients/:id', () => {
  it('renames and moves a client to another reseller of its partner, with its subscriptions', async () => {
    const res = await api().put(`/api/clients/${client}`).send({ name: 'Librairie Blanc & Fils', reseller_id: h.resellers.alphaSud });
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect(res.body).toMatchObject({ name: 'Librairie Blanc & Fils', reseller_id: h.resellers.alphaSud });
    const subs = await api().get('/api/subscriptions').query(listQuery({ filter: { client_id: client } }));
    expect(subs.body[0]).toMatchObject({ client_name: 'Librairie Blanc & Fils', reseller_id: h.resellers.alphaSud, reseller_name: 'Alpha Sud' });
  });

  it('a reseller of another partner is refused, naming reseller_id', async () => {
    const res = await api().put(`/api/clients/${client}`).send({ reseller_id: h.resellers.betaEst });
    expect(res.status).toBe(400);
    expect(res.body.errors).toHaveProperty('reseller_id');
  });

  it('a reseller login renames its client but may not move it; another reseller’s client is unknown (404)', async () => {
    const nord = await asLogin({ email: 'nord@example.fr', role: 'reseller', partner_id: h.partners.alpha, reseller_id: h.resellers.alphaNord });
    expect((await nord.put(`/api/clients/${client}`, { name: 'Librairie Blanche', reference: 'N-1' })).status).toBe(200);
    // Its sibling resellers are unknown to it, as in a creation; its partner is not its to manage.
    const toSibling = await nord.put(`/api/clients/${client}`, { reseller_id: h.resellers.alphaSud });
    expect(toSibling.status).toBe(400);
    expect(toSibling.body.errors).toHaveProperty('reseller_id');
    expect((await nord.put(`/api/clients/${client}`, { reseller_id: null })).status).toBe(403);
    expect((await api().get(`/api/clients/${client}`)).body.reseller_id).toBe(h.resellers.alphaNord);
    const sud = await asLogin({ email: 'sud@example.fr', role: 'reseller', partner_id: h.partners.alpha, reseller_id: h.resellers.alphaSud });
    expect((await sud.put(`/api/clients/${client}`, { reference: 'S-1' })).status).toBe(404);
  });
});

describe('POST /api/clients/:id/subscriptions (add a product)', () => {
  const tsendLine = () => ({ product_id: h.products.tsend, start_date: TODAY, years: 2, seats: 3 });

  it('adds the product, paid from the manager’s pool: 201 with the subscription and remaining_after', async () => {
    const res = await api().post(`/api/clients/${client}/subscriptions`).set('Idempotency-Key', 'add-1').send(tsendLine());
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    expect(res.body).toMatchObject({ client_id: client, product_id: h.products.tsend, product_name: 'TSend', years: 2, seats: 3, end_date: '2028-11-25', status: 'active', remaining_after: 4 });
    const again = await api().post(`/api/clients/${client}/subscriptions`).set('Idempotency-Key', 'add-1').send(tsendLine());
    expect(again.body).toEqual(res.body);
    expect(await nordPool(h.products.tsend)).toBe(4);
    await expectLedgerConsistent(t);
  });

  it('409 when the pool is short, 400 naming product_id for a product the client has, and nothing is written', async () => {
    const short = await api().post(`/api/clients/${client}/subscriptions`).send({ ...tsendLine(), seats: 6 });
    expect(short.status).toBe(409);
    const twice = await api().post(`/api/clients/${client}/subscriptions`).send({ ...tsendLine(), product_id: h.products.tbox });
    expect(twice.status).toBe(400);
    expect(twice.body.errors).toHaveProperty('product_id');
    expect((await api().get('/api/subscriptions').query(listQuery({ filter: { client_id: client } }))).body).toHaveLength(1);
    expect(await nordPool(h.products.tsend)).toBe(10);
    expect(await nordPool(h.products.tbox)).toBe(18);
  });

  const bad: [string, (line: ReturnType<typeof tsendLine>) => object, string][] = [
    ['an unknown product', (l) => ({ ...l, product_id: 999 }), 'product_id'],
    ['years as text', (l) => ({ ...l, years: '2' }), 'years'],
    ['seats 0', (l) => ({ ...l, seats: 0 }), 'seats'],
    ['a date that does not exist', (l) => ({ ...l, start_date: '2026-02-29' }), 'start_date'],
    ['no start date', ({ start_date: _s, ...l }) => l, 'start_date'],
  ];
  for (const [what, make, field] of bad) {
    it(`400 naming ${field} for ${what}`, async () => {
      const res = await api().post(`/api/clients/${client}/subscriptions`).send(make(tsendLine()));
      expect(res.status, JSON.stringify(res.body)).toBe(400);
      expect(res.body.errors).toHaveProperty([field]);
    });
  }

  it('a client out of the caller’s scope is unknown (404), an unknown one too', async () => {
    const sud = await asLogin({ email: 'sud@example.fr', role: 'reseller', partner_id: h.partners.alpha, reseller_id: h.resellers.alphaSud });
    expect((await sud.post(`/api/clients/${client}/subscriptions`, tsendLine())).status).toBe(404);
    expect((await api().post('/api/clients/9999/subscriptions').send(tsendLine())).status).toBe(404);
    expect(await nordPool(h.products.tsend)).toBe(10);
  });
});
