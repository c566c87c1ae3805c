import request from 'supertest';
import { beforeEach, describe, expect, it } from 'vitest';
import { buildHierarchy, poolBalance } from '../helpers/fixtures.ts';
import { billingParties } from '../helpers/billingParties.ts';
import { testApp } from '../helpers/testApp.ts';
import { TODAY, expectLedgerConsistent, grantPartner, listQuery, type TestApp } from './scenario.ts';

/** DESIGN §6: invoice numbering without gaps, immutability, credit notes and scoping. */

let t: TestApp;
let h: Awaited<ReturnType<typeof buildHierarchy>>;
let as: Awaited<ReturnType<typeof billingParties>>;
const api = () => request(t.app);

beforeEach(async () => {
  t = await testApp(TODAY);
  h = await buildHierarchy(t);
  as = await billingParties(t, h);
  await api().post('/api/prices').send({ product_id: h.products.tbox, unit_price_cents: 4_000, valid_from: TODAY }).expect(201);
});

/** A reseller's order of `quantity` TBox, fulfilled by Alpha: its invoice. */
async function invoicedOrder(who: 'nord' | 'sud', quantity: number) {
  const order = (await as(who).post('/api/orders', { lines: [{ product_id: h.products.tbox, quantity }] })).body;
  const fulfilled = await as('alpha').post(`/api/orders/${order.id}/fulfil`);
  expect(fulfilled.status, JSON.stringify(fulfilled.body)).toBe(200);
  return (await as('alpha').get(`/api/invoices/${fulfilled.body.invoice_id}`)).body;
}

describe('numbering', () => {
  it('numbers 20 fulfilments at once for one issuer consecutively, with no gap for the ones that fail', async () => {
    await grantPartner(t, h.partners.alpha, h.products.tbox, 100);
    const orders = [];
    for (let i = 0; i < 22; i++) orders.push((await as(i % 2 ? 'nord' : 'sud').post('/api/orders', { lines: [{ product_id: h.products.tbox, quantity: 5 }] })).body);
    // 22 orders of 5 from a pool of 100: 20 go through, 2 are refused, all at once.
    const answers = await Promise.all(orders.map((o) => as('alpha').post(`/api/orders/${o.id}/fulfil`)));
    expect(answers.filter((a) => a.status === 200)).toHaveLength(20);
    expect(answers.filter((a) => a.status === 409).map((a) => a.body.code)).toEqual(['insufficient_licenses', 'insufficient_licenses']);

    const invoices = await t.db.selectFrom('invoices').select(['number', 'order_id']).orderBy('number').execute();
    expect(invoices.map((i) => i.number)).toEqual(Array.from({ length: 20 }, (_, i) => `2026-${String(i + 1).padStart(6, '0')}`));
    const orderRows = await t.db.selectFrom('orders').select(['status', 'invoice_id']).execute();
    expect(orderRows.filter((o) => o.status === 'fulfilled' && o.invoice_id !== null)).toHaveLength(20);
    expect(await poolBalance(t, { partnerId: h.partners.alpha }, h.products.tbox)).toBe(0);
    await expectLedgerConsistent(t);
  });

  it('keeps one sequence per issuer, kind and year', async () => {
    await grantPartner(t, h.partners.alpha, h.products.tbox, 100);
    expect((await invoicedOrder('nord', 1)).number).toBe('2026-000001');
    // The publisher's first invoice starts its own sequence.
    const partnerOrder = (await as('alpha').post('/api/orders', { lines: [{ product_id: h.products.tbox, quantity: 1 }] })).body;
    const granted = await api().post(`/api/orders/${partnerOrder.id}/fulfil`);
    expect((await api().get(`/api/invoices/${granted.body.invoice_id}`)).body.number).toBe('2026-000001');
    // A credit note too; and the new year starts again at 1.
    const second = await invoicedOrder('sud', 2);
    expect(second.number).toBe('2026-000002');
    expect((await as('alpha').post(`/api/invoices/${second.id}/credit`)).body.number).toBe('2026-000001');
    t.clock.set('2027-01-02');
    expect((await invoicedOrder('nord', 1)).number).toBe('2027-000001');
  });

  it('is immutable: the database refuses to change or delete an invoice', async () => {
    await grantPartner(t, h.partners.alpha, h.products.tbox, 10);
    const invoice = await invoicedOrder('nord', 10);
    await expect(t.db.updateTable('invoices').set({ total_incl_vat_cents: 1 }).where('id', '=', invoice.id).execute()).rejects.toThrow(/immutable/);
    await expect(t.db.deleteFrom('invoice_lines').where('invoice_id', '=', invoice.id).execute()).rejects.toThrow(/immutable/);
    expect((await api().get(`/api/invoices/${invoice.id}`)).body).toEqual(invoice);
  });
});

describe('credit notes', () => {
  it('credits an invoice once: positive amounts, its own sequence, the licences back to the partner', async () => {
    await grantPartner(t, h.partners.alpha, h.products.tbox, 30);
    const invoice = await invoicedOrder('nord', 30);
    expect((await as('nord').post(`/api/invoices/${invoice.id}/credit`)).status).toBe(403);
    const res = await as('alpha').post(`/api/invoices/${invoice.id}/credit`);
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    expect(res.body).toMatchObject({
      kind: 'credit_note',
      number: '2026-000001',
      credited_invoice_id: invoice.id,
      order_id: invoice.order_id,
      lines: invoice.lines,
      total_excl_vat_cents: 120_000,
      vat_cents: 24_000,
      total_incl_vat_cents: 144_000,
    });
    expect((await as('nord').get(`/api/invoices/${invoice.id}`)).body.credit_note_id).toBe(res.body.id);
    expect(await poolBalance(t, { resellerId: h.resellers.alphaNord }, h.products.tbox)).toBe(0);
    expect(await poolBalance(t, { partnerId: h.partners.alpha }, h.products.tbox)).toBe(30);
    expect((await t.db.selectFrom('movements').select('kind').orderBy('id').execute()).map((m) => m.kind)).toEqual(['grant', 'allocate', 'reclaim']);
    expect((await as('nord').get(`/api/orders/${invoice.order_id}`)).body.status).toBe('fulfilled');

    const again = await as('alpha').post(`/api/invoices/${invoice.id}/credit`);
    expect(again.status).toBe(409);
    expect(again.body.code).toBe('already_credited');
    expect((await as('alpha').post(`/api/invoices/${res.body.id}/credit`)).status).toBe(409);
    await expectLedgerConsistent(t);
  });

  it('takes a partner’s licences out of the hierarchy when the publisher credits (adjust)', async () => {
    const order = (await as('alpha').post('/api/orders', { lines: [{ product_id: h.products.tbox, quantity: 12 }] })).body;
    const invoiceId = (await api().post(`/api/orders/${order.id}/fulfil`)).body.invoice_id;
    expect((await as('alpha').post(`/api/invoices/${invoiceId}/credit`)).status).toBe(403);
    expect((await api().post(`/api/invoices/${invoiceId}/credit`)).status).toBe(201);
    expect(await poolBalance(t, { partnerId: h.partners.alpha }, h.products.tbox)).toBe(0);
    const adjust = await t.db.selectFrom('movements').selectAll().where('kind', '=', 'adjust').executeTakeFirstOrThrow();
    expect(adjust).toMatchObject({ quantity: 12, to_pool_id: null });
  });

  it('refuses (409) when the buyer no longer holds the licences, and changes nothing', async () => {
    await grantPartner(t, h.partners.alpha, h.products.tbox, 30);
    const invoice = await invoicedOrder('nord', 30);
    await api().post('/api/allocations').send({ product_id: h.products.tbox, reseller_id: h.resellers.alphaNord, quantity: -5 }).expect(201);
    const res = await as('alpha').post(`/api/invoices/${invoice.id}/credit`);
    expect(res.status).toBe(409);
    expect(res.body).toMatchObject({ code: 'insufficient_licenses', details: { needed: 30, balance: 25, shortfall: 5 } });
    expect(await t.db.selectFrom('invoices').select('id').execute()).toHaveLength(1);
    expect(await t.db.selectFrom('invoice_counters').select('kind').execute()).toEqual([{ kind: 'invoice' }]);
  });
});

describe('scoping', () => {
  it('shows an invoice to its buyer, its issuer and admins; anyone else gets 404', async () => {
    await grantPartner(t, h.partners.alpha, h.products.tbox, 10);
    const invoice = await invoicedOrder('nord', 10);
    for (const who of ['nord', 'alpha'] as const) expect((await as(who).get(`/api/invoices/${invoice.id}`)).status).toBe(200);
    for (const who of ['sud', 'beta'] as const) {
      expect((await as(who).get(`/api/invoices/${invoice.id}`)).status, who).toBe(404);
      expect((await as(who).post(`/api/invoices/${invoice.id}/credit`)).status, who).toBe(404);
      expect((await as(who).get('/api/invoices?' + new URLSearchParams(listQuery({})))).body, who).toEqual([]);
    }
    expect((await as('nord').get('/api/invoices?' + new URLSearchParams(listQuery({ filter: { kind: 'invoice', buyer_type: 'reseller' } })))).body.map((i: { id: number }) => i.id)).toEqual([invoice.id]);
  });
});
