import request from 'supertest';
import { beforeEach, describe, expect, it } from 'vitest';
import { buildHierarchy, poolBalance } from '../helpers/fixtures.ts';
import { billingParties, type Party } from '../helpers/billingParties.ts';
import { testApp } from '../helpers/testApp.ts';
import { TODAY, contentRange, expectLedgerConsistent, grantPartner, listQuery, type TestApp } from './scenario.ts';

/** DESIGN §6: orders, from submission (prices frozen) to fulfilment (licences and invoice at once). */

let t: TestApp;
let h: Awaited<ReturnType<typeof buildHierarchy>>;
let as: Awaited<ReturnType<typeof billingParties>>;
const api = () => request(t.app);

/** Everything a refused action must leave as it was. */
async function snapshot() {
  return {
    orders: await t.db.selectFrom('orders').selectAll().orderBy('id').execute(),
    invoices: await t.db.selectFrom('invoices').selectAll().orderBy('id').execute(),
    counters: await t.db.selectFrom('invoice_counters').selectAll().execute(),
    pools: await t.db.selectFrom('pools').selectAll().orderBy('id').execute(),
    movements: await t.db.selectFrom('movements').selectAll().orderBy('id').execute(),
  };
}

beforeEach(async () => {
  t = await testApp(TODAY);
  h = await buildHierarchy(t);
  as = await billingParties(t, h);
  // TBox 40.05 € and TSend 19.99 € a licence-year; Alpha buys at −12.5 %, Alpha Nord at −10 %.
  await api().post('/api/prices').send({ product_id: h.products.tbox, unit_price_cents: 4_005, valid_from: TODAY }).expect(201);
  await api().post('/api/prices').send({ product_id: h.products.tsend, unit_price_cents: 1_999, valid_from: TODAY }).expect(201);
  await api().put(`/api/partners/${h.partners.alpha}`).send({ name: 'Alpha', email: 'alpha@example.fr', discount_percent: 12.5 }).expect(200);
  await api().put(`/api/resellers/${h.resellers.alphaNord}`).send({ name: 'Alpha Nord', email: 'nord@example.fr', discount_percent: 10 }).expect(200);
});

describe('POST /api/orders', () => {
  it('prices a reseller’s order from its partner at list price less its discount, VAT on the total', async () => {
    const res = await as('nord').post('/api/orders', { lines: [{ product_id: h.products.tbox, quantity: 50 }, { product_id: h.products.tsend, quantity: 3 }] });
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    // 4,005 × 0.9 = 3,604.5 → 3,605; 1,999 × 0.9 = 1,799.1 → 1,799. Σ = 180,250 + 5,397 = 185,647; VAT 37,129.4 → 37,129.
    expect(res.body).toMatchObject({
      id: expect.any(Number),
      buyer_type: 'reseller',
      buyer_id: h.resellers.alphaNord,
      buyer_name: 'Alpha Nord',
      supplier_type: 'partner',
      supplier_id: h.partners.alpha,
      status: 'submitted',
      lines: [
        { product_id: h.products.tbox, quantity: 50, unit_price_cents: 3_605, total_cents: 180_250 },
        { product_id: h.products.tsend, quantity: 3, unit_price_cents: 1_799, total_cents: 5_397 },
      ],
      total_excl_vat_cents: 185_647,
      vat_cents: 37_129,
      total_incl_vat_cents: 222_776,
      vat_rate_percent: 20,
      reason: null,
      invoice_id: null,
    });
    expect((await as('nord').get(`/api/orders/${res.body.id}`)).body).toEqual(res.body);
  });

  it('has a partner buy from the publisher; an admin orders nothing (403)', async () => {
    const res = await as('alpha').post('/api/orders', { lines: [{ product_id: h.products.tbox, quantity: 10 }] });
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({ buyer_type: 'partner', buyer_id: h.partners.alpha, supplier_type: 'publisher', supplier_id: null });
    expect(res.body.lines[0].unit_price_cents).toBe(3_504); // 4,005 × 0.875 = 3,504.375
    expect((await api().post('/api/orders').send({ lines: [{ product_id: h.products.tbox, quantity: 1 }] })).status).toBe(403);
  });

  it('refuses a product without a price on the day (409 no_price) and changes nothing', async () => {
    const other = await t.db.insertInto('products').values({ code: 'TNew', name: 'TNew', search_name: 'tnew' }).returning('id').executeTakeFirstOrThrow();
    await api().post('/api/prices').send({ product_id: other.id, unit_price_cents: 100, valid_from: '2026-12-01' }).expect(201);
    const before = await snapshot();
    const res = await as('nord').post('/api/orders', { lines: [{ product_id: h.products.tbox, quantity: 1 }, { product_id: other.id, quantity: 1 }] });
    expect(res.status).toBe(409);
    expect(res.body).toMatchObject({ code: 'no_price', details: { product_id: other.id } });
    expect(await snapshot()).toEqual(before);
  });

  it.each([
    ['no line', { lines: [] }, 'lines'],
    ['no lines at all', {}, 'lines'],
    ['a quantity of 0', { lines: [{ product_id: 1, quantity: 0 }] }, 'lines.0.quantity'],
    ['a negative quantity', { lines: [{ product_id: 1, quantity: -5 }] }, 'lines.0.quantity'],
    ['a fractional quantity', { lines: [{ product_id: 1, quantity: 1.5 }] }, 'lines.0.quantity'],
    ['a huge quantity', { lines: [{ product_id: 1, quantity: 1e12 }] }, 'lines.0.quantity'],
    ['a quantity as text', { lines: [{ product_id: 1, quantity: '5' }] }, 'lines.0.quantity'],
    ['a product id as text', { lines: [{ product_id: '1', quantity: 5 }] }, 'lines.0.product_id'],
    ['an unknown product', { lines: [{ product_id: 999, quantity: 5 }] }, 'lines.0.product_id'],
    ['200 lines', { lines: Array.from({ length: 200 }, (_, i) => ({ product_id: i + 1, quantity: 1 })) }, 'lines'],
    ['lines as an object', { lines: { product_id: 1, quantity: 1 } }, 'lines'],
  ])('answers 400 naming the field for %s, and writes nothing', async (_what, body, field) => {
    const res = await as('nord').post('/api/orders', body);
    expect(res.status, JSON.stringify(res.body)).toBe(400);
    expect(res.body.errors).toHaveProperty(field);
    expect(await t.db.selectFrom('orders').selectAll().execute()).toEqual([]);
  });

  it('refuses a product given on two lines', async () => {
    const res = await as('nord').post('/api/orders', { lines: [{ product_id: h.products.tbox, quantity: 1 }, { product_id: h.products.tbox, quantity: 2 }] });
    expect(res.status).toBe(400);
    expect(res.body.errors).toHaveProperty('lines.1.product_id');
  });

  it('honours Idempotency-Key: a repeat answers the same order and places no second one', async () => {
    const body = { lines: [{ product_id: h.products.tbox, quantity: 5 }] };
    const first = await as('nord').post('/api/orders', body).set('Idempotency-Key', 'order-1');
    const again = await as('nord').post('/api/orders', body).set('Idempotency-Key', 'order-1');
    expect(first.status).toBe(201);
    expect(again.status).toBe(201);
    expect(again.body).toEqual(first.body);
    expect(await t.db.selectFrom('orders').select('id').execute()).toHaveLength(1);
    expect((await as('nord').post('/api/orders', { lines: [{ product_id: h.products.tbox, quantity: 6 }] }).set('Idempotency-Key', 'order-1')).status).toBe(422);
  });
});

describe('fulfilment', () => {
  it('moves exactly the ordered licences from the partner’s pool and issues one invoice, at the prices of submission', async () => {
    await grantPartner(t, h.partners.alpha, h.products.tbox, 80);
    const order = (await as('nord').post('/api/orders', { lines: [{ product_id: h.products.tbox, quantity: 50 }] })).body;
    // A later price change leaves the order and its invoice as submitted.
    await api().post('/api/prices').send({ product_id: h.products.tbox, unit_price_cents: 9_999, valid_from: '2026-11-27' }).expect(201);
    t.clock.set('2026-11-28');

    const res = await as('alpha').post(`/api/orders/${order.id}/fulfil`);
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect(res.body).toMatchObject({ status: 'fulfilled', invoice_id: expect.any(Number), lines: order.lines, total_incl_vat_cents: order.total_incl_vat_cents });
    expect(await poolBalance(t, { partnerId: h.partners.alpha }, h.products.tbox)).toBe(30);
    expect(await poolBalance(t, { resellerId: h.resellers.alphaNord }, h.products.tbox)).toBe(50);
    const moves = await t.db.selectFrom('movements').selectAll().where('kind', '=', 'allocate').execute();
    expect(moves.map((m) => [m.quantity, m.reason])).toEqual([[50, `Commande n° ${order.id}`]]);
    await expectLedgerConsistent(t);

    const invoice = (await as('nord').get(`/api/invoices/${res.body.invoice_id}`)).body;
    expect(invoice).toMatchObject({
      number: '2026-000001',
      kind: 'invoice',
      issuer_type: 'partner',
      issuer_id: h.partners.alpha,
      buyer_type: 'reseller',
      buyer_id: h.resellers.alphaNord,
      order_id: order.id,
      credited_invoice_id: null,
      issued_on: '2026-11-28',
      due_on: '2026-12-28',
      lines: [{ product_id: h.products.tbox, quantity: 50, unit_price_cents: 3_605, total_cents: 180_250 }],
      total_excl_vat_cents: 180_250,
      vat_cents: 36_050,
      total_incl_vat_cents: 216_300,
    });
  });

  it('grants a partner’s order from the publisher (admin fulfils)', async () => {
    const order = (await as('alpha').post('/api/orders', { lines: [{ product_id: h.products.tsend, quantity: 7 }] })).body;
    expect((await as('alpha').post(`/api/orders/${order.id}/fulfil`)).status).toBe(403);
    const res = await api().post(`/api/orders/${order.id}/fulfil`);
    expect(res.status).toBe(200);
    expect(await poolBalance(t, { partnerId: h.partners.alpha }, h.products.tsend)).toBe(7);
    const invoice = (await api().get(`/api/invoices/${res.body.invoice_id}`)).body;
    expect(invoice).toMatchObject({ number: '2026-000001', issuer_type: 'publisher', issuer_id: null, buyer_type: 'partner' });
    expect((await t.db.selectFrom('movements').select('kind').execute()).map((m) => m.kind)).toEqual(['grant']);
  });

  it('refuses a short partner pool with the shortfall (409) and changes nothing', async () => {
    await grantPartner(t, h.partners.alpha, h.products.tbox, 30);
    await grantPartner(t, h.partners.alpha, h.products.tsend, 100);
    const order = (await as('nord').post('/api/orders', { lines: [{ product_id: h.products.tsend, quantity: 5 }, { product_id: h.products.tbox, quantity: 50 }] })).body;
    const before = await snapshot();
    const res = await as('alpha').post(`/api/orders/${order.id}/fulfil`);
    expect(res.status).toBe(409);
    expect(res.body).toMatchObject({ code: 'insufficient_licenses', details: { product_id: h.products.tbox, needed: 50, balance: 30, shortfall: 20 } });
    expect(await snapshot()).toEqual(before);
  });

  it('lets one of two simultaneous fulfilments through', async () => {
    await grantPartner(t, h.partners.alpha, h.products.tbox, 100);
    const order = (await as('nord').post('/api/orders', { lines: [{ product_id: h.products.tbox, quantity: 40 }] })).body;
    const answers = await Promise.all([as('alpha').post(`/api/orders/${order.id}/fulfil`), api().post(`/api/orders/${order.id}/fulfil`)]);
    expect(answers.map((a) => a.status).sort()).toEqual([200, 409]);
    expect(answers.find((a) => a.status === 409)!.body.code).toBe('invalid_transition');
    expect(await poolBalance(t, { resellerId: h.resellers.alphaNord }, h.products.tbox)).toBe(40);
    expect(await t.db.selectFrom('invoices').select('id').execute()).toHaveLength(1);
  });

  it('honours Idempotency-Key: a repeated fulfilment answers the first result and moves nothing more', async () => {
    await grantPartner(t, h.partners.alpha, h.products.tbox, 100);
    const order = (await as('nord').post('/api/orders', { lines: [{ product_id: h.products.tbox, quantity: 10 }] })).body;
    const first = await as('alpha').post(`/api/orders/${order.id}/fulfil`).set('Idempotency-Key', 'fulfil-1');
    const again = await as('alpha').post(`/api/orders/${order.id}/fulfil`).set('Idempotency-Key', 'fulfil-1');
    expect([first.status, again.status]).toEqual([200, 200]);
    expect(again.body).toEqual(first.body);
    expect(await poolBalance(t, { partnerId: h.partners.alpha }, h.products.tbox)).toBe(90);
  });
});

describe('refusal, cancellation and transitions', () => {
  it('lets the supplier refuse with a reason, then nothing else', async () => {
    const order = (await as('nord').post('/api/orders', { lines: [{ product_id: h.products.tbox, quantity: 10 }] })).body;
    expect((await as('alpha').post(`/api/orders/${order.id}/refuse`, {})).body.errors).toHaveProperty('reason');
    expect((await as('nord').post(`/api/orders/${order.id}/refuse`, { reason: 'non' })).status).toBe(403);
    const refused = await as('alpha').post(`/api/orders/${order.id}/refuse`, { reason: 'Stock réservé à un autre client' });
    expect(refused.status).toBe(200);
    expect(refused.body).toMatchObject({ status: 'refused', reason: 'Stock réservé à un autre client', invoice_id: null, decided_by: 'p@alpha.test', decided_at: expect.any(String) });
    for (const action of ['fulfil', 'cancel', 'refuse']) {
      const res = await (action === 'cancel' ? as('nord') : as('alpha')).post(`/api/orders/${order.id}/${action}`, { reason: 'encore' });
      expect(res.status, action).toBe(409);
      expect(res.body.code).toBe('invalid_transition');
    }
  });

  it('lets the buyer cancel while submitted, and only the buyer', async () => {
    const order = (await as('nord').post('/api/orders', { lines: [{ product_id: h.products.tbox, quantity: 10 }] })).body;
    expect((await as('alpha').post(`/api/orders/${order.id}/cancel`)).status).toBe(403);
    expect((await api().post(`/api/orders/${order.id}/cancel`)).status).toBe(403);
    const res = await as('nord').post(`/api/orders/${order.id}/cancel`);
    expect(res.status).toBe(200);
    expect(res.body.status).toBe('cancelled');
    expect((await as('alpha').post(`/api/orders/${order.id}/fulfil`)).status).toBe(409);
  });
});

describe('scoping', () => {
  it('shows an order to its buyer, its supplier and admins; anyone else gets 404', async () => {
    const nordOrder = (await as('nord').post('/api/orders', { lines: [{ product_id: h.products.tbox, quantity: 1 }] })).body;
    const alphaOrder = (await as('alpha').post('/api/orders', { lines: [{ product_id: h.products.tbox, quantity: 1 }] })).body;
    for (const who of ['nord', 'alpha'] as const) expect((await as(who).get(`/api/orders/${nordOrder.id}`)).status).toBe(200);
    expect((await api().get(`/api/orders/${nordOrder.id}`)).status).toBe(200);
    for (const who of ['sud', 'beta'] as const) {
      expect((await as(who).get(`/api/orders/${nordOrder.id}`)).status, who).toBe(404);
      expect((await as(who).get(`/api/orders/${alphaOrder.id}`)).status, who).toBe(404);
      for (const action of ['fulfil', 'refuse', 'cancel']) expect((await as(who).post(`/api/orders/${nordOrder.id}/${action}`, { reason: 'x' })).status, `${who} ${action}`).toBe(404);
    }
    expect((await as('nord').get(`/api/orders/${alphaOrder.id}`)).status).toBe(404);

    const list = async (who: Party) => (await as(who).get('/api/orders?' + new URLSearchParams(listQuery({ sort: ['id', 'ASC'] })))).body.map((o: { id: number }) => o.id);
    expect(await list('alpha')).toEqual([nordOrder.id, alphaOrder.id]);
    expect(await list('nord')).toEqual([nordOrder.id]);
    expect(await list('sud')).toEqual([]);
    expect(await list('beta')).toEqual([]);
  });

  it('lists with Content-Range, filters and q', async () => {
    await as('nord').post('/api/orders', { lines: [{ product_id: h.products.tbox, quantity: 1 }] });
    await as('alpha').post('/api/orders', { lines: [{ product_id: h.products.tbox, quantity: 1 }] });
    const res = await api().get('/api/orders').query(listQuery({ filter: { supplier_type: 'partner', status: ['submitted'] }, range: [0, 9] }));
    expect(contentRange(res.headers['content-range'])).toMatchObject({ resource: 'orders', total: 1 });
    expect(res.body[0].buyer_name).toBe('Alpha Nord');
    expect((await api().get('/api/orders').query(listQuery({ filter: { q: 'nord' } }))).body).toHaveLength(1);
    expect((await api().get('/api/orders').query(listQuery({ filter: { status: 'lost' } }))).status).toBe(400);
  });
});
