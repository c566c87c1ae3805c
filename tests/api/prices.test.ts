import request from 'supertest';
import { beforeEach, describe, expect, it } from 'vitest';
import { buildHierarchy } from '../helpers/fixtures.ts';
import { sessionCookieFor, testApp } from '../helpers/testApp.ts';
import { TODAY, contentRange, listQuery, type TestApp } from './scenario.ts';

/** DESIGN §6: the price list, discounts and the identities invoices carry. */

let t: TestApp;
let h: Awaited<ReturnType<typeof buildHierarchy>>;
let partnerCookie: string;
let resellerCookie: string;
const api = () => request(t.app);

beforeEach(async () => {
  t = await testApp(TODAY);
  h = await buildHierarchy(t);
  partnerCookie = await sessionCookieFor(t, { email: 'p@alpha.test', role: 'partner', partner_id: h.partners.alpha });
  resellerCookie = await sessionCookieFor(t, { email: 'r@nord.test', role: 'reseller', partner_id: h.partners.alpha, reseller_id: h.resellers.alphaNord });
});

describe('prices', () => {
  it('admins write a price list that everyone reads, with its history', async () => {
    const first = await api().post('/api/prices').send({ product_id: h.products.tbox, unit_price_cents: 4_000, valid_from: TODAY });
    expect(first.status, JSON.stringify(first.body)).toBe(201);
    expect(first.body).toEqual({ id: expect.any(Number), product_id: h.products.tbox, unit_price_cents: 4_000, valid_from: TODAY });
    await api().post('/api/prices').send({ product_id: h.products.tbox, unit_price_cents: 4_500, valid_from: '2027-01-01' }).expect(201);

    const list = await api().get('/api/prices').set('Cookie', resellerCookie).query(listQuery({ filter: { product_id: h.products.tbox }, sort: ['valid_from', 'ASC'] }));
    expect(list.status).toBe(200);
    expect(contentRange(list.headers['content-range']).total).toBe(2);
    expect(list.body.map((p: { unit_price_cents: number }) => p.unit_price_cents)).toEqual([4_000, 4_500]);

    const refused = await api().post('/api/prices').set('Cookie', partnerCookie).send({ product_id: h.products.tbox, unit_price_cents: 1, valid_from: '2027-02-01' });
    expect(refused.status).toBe(403);
  });

  it('keeps one row per product and date, refuses the past and freezes rows already in force', async () => {
    await api().post('/api/prices').send({ product_id: h.products.tbox, unit_price_cents: 4_000, valid_from: TODAY }).expect(201);
    const twice = await api().post('/api/prices').send({ product_id: h.products.tbox, unit_price_cents: 3_000, valid_from: TODAY });
    expect(twice.status).toBe(409);
    expect(twice.body.errors).toHaveProperty('valid_from');

    const past = await api().post('/api/prices').send({ product_id: h.products.tbox, unit_price_cents: 3_000, valid_from: '2026-11-25' });
    expect(past.status).toBe(400);
    expect(past.body.errors).toHaveProperty('valid_from');

    const future = await api().post('/api/prices').send({ product_id: h.products.tsend, unit_price_cents: 1_000, valid_from: '2026-12-01' });
    const changed = await api().put(`/api/prices/${future.body.id}`).send({ ...future.body, unit_price_cents: 1_100 });
    expect(changed.status).toBe(200);
    expect(changed.body.unit_price_cents).toBe(1_100);

    t.clock.set('2026-12-02');
    const frozen = await api().put(`/api/prices/${future.body.id}`).send({ ...future.body, unit_price_cents: 1_200 });
    expect(frozen.status).toBe(409);
    expect(frozen.body.code).toBe('price_frozen');
    expect((await api().delete(`/api/prices/${future.body.id}`)).status).toBe(409);
    expect((await api().get(`/api/prices/${future.body.id}`)).body.unit_price_cents).toBe(1_100);
  });

  it.each([
    ['a negative price', { unit_price_cents: -1 }, 'unit_price_cents'],
    ['a fraction of a cent', { unit_price_cents: 10.5 }, 'unit_price_cents'],
    ['a price as text', { unit_price_cents: '4000' }, 'unit_price_cents'],
    ['a huge price', { unit_price_cents: 1e20 }, 'unit_price_cents'],
    ['an odd date', { valid_from: '2026-02-30' }, 'valid_from'],
    ['an unknown product', { product_id: 999 }, 'product_id'],
  ])('answers 400 naming the field for %s', async (_what, change, field) => {
    const res = await api().post('/api/prices').send({ product_id: h.products.tbox, unit_price_cents: 4_000, valid_from: TODAY, ...change });
    expect(res.status).toBe(400);
    expect(res.body.errors).toHaveProperty(field);
  });
});

describe('discounts and identities', () => {
  it('sets a partner’s identity, checks SIREN and VAT number, and lists the fields', async () => {
    const res = await api()
      .put(`/api/partners/${h.partners.alpha}`)
      .send({ name: 'Alpha', email: 'alpha@example.fr', discount_percent: 12.5, legal_name: 'Alpha SAS', address: '1 rue de Lyon\n69001 Lyon', siren: '732 829 320', vat_number: 'fr44732829320' });
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect(res.body).toMatchObject({ discount_percent: 12.5, legal_name: 'Alpha SAS', siren: '732829320', vat_number: 'FR44732829320' });

    const bad = await api().put(`/api/partners/${h.partners.alpha}`).send({ name: 'Alpha', email: 'alpha@example.fr', siren: '732829321', vat_number: 'FR45732829320' });
    expect(bad.status).toBe(400);
    expect(Object.keys(bad.body.errors).sort()).toEqual(['siren', 'vat_number']);

    const filtered = await api().get('/api/partners').query(listQuery({ filter: { discount_percent: 12.5 } }));
    expect(filtered.body.map((p: { name: string }) => p.name)).toEqual(['Alpha']);
  });

  it.each([[100.001], [-1], [12.345], ['10']])('refuses the discount %s with a 400 naming it', async (discount) => {
    const res = await api().put(`/api/partners/${h.partners.alpha}`).send({ name: 'Alpha', email: 'alpha@example.fr', discount_percent: discount });
    expect(res.status).toBe(400);
    expect(res.body.errors).toHaveProperty('discount_percent');
  });

  it('keeps a reseller’s discount at most its partner’s, on both sides', async () => {
    await api().put(`/api/partners/${h.partners.alpha}`).send({ name: 'Alpha', email: 'alpha@example.fr', discount_percent: 20 }).expect(200);
    const above = await api().put(`/api/resellers/${h.resellers.alphaNord}`).set('Cookie', partnerCookie).send({ name: 'Alpha Nord', email: 'nord@example.fr', discount_percent: 20.01 });
    expect(above.status).toBe(400);
    expect(above.body.errors.discount_percent).toContain('Alpha');
    const created = await api().post('/api/resellers').set('Cookie', partnerCookie).send({ name: 'Alpha Ouest', email: 'ouest@example.fr', partner_id: h.partners.alpha, discount_percent: 25 });
    expect(created.status).toBe(400);

    await api().put(`/api/resellers/${h.resellers.alphaNord}`).set('Cookie', partnerCookie).send({ name: 'Alpha Nord', email: 'nord@example.fr', discount_percent: 15 }).expect(200);
    const lowered = await api().put(`/api/partners/${h.partners.alpha}`).send({ name: 'Alpha', email: 'alpha@example.fr', discount_percent: 10 });
    expect(lowered.status).toBe(400);
    expect(lowered.body.message).toContain('Alpha Nord');
    expect((await api().get(`/api/partners/${h.partners.alpha}`)).body.discount_percent).toBe(20);
  });

  it('keeps the rule when a partner’s and its reseller’s discounts change at once', async () => {
    await api().put(`/api/partners/${h.partners.alpha}`).send({ name: 'Alpha', email: 'alpha@example.fr', discount_percent: 20 }).expect(200);
    for (let round = 0; round < 5; round++) {
      await api().put(`/api/resellers/${h.resellers.alphaNord}`).send({ name: 'Alpha Nord', email: 'nord@example.fr', discount_percent: 5 }).expect(200);
      await api().put(`/api/partners/${h.partners.alpha}`).send({ name: 'Alpha', email: 'alpha@example.fr', discount_percent: 20 }).expect(200);
      // Each alone is allowed; together they would put the reseller above its partner.
      const answers = await Promise.all([
        api().put(`/api/partners/${h.partners.alpha}`).send({ name: 'Alpha', email: 'alpha@example.fr', discount_percent: 10 }),
        api().put(`/api/resellers/${h.resellers.alphaNord}`).set('Cookie', partnerCookie).send({ name: 'Alpha Nord', email: 'nord@example.fr', discount_percent: 15 }),
      ]);
      expect(answers.map((a) => a.status).sort()).toEqual([200, 400]);
      const partner = (await api().get(`/api/partners/${h.partners.alpha}`)).body.discount_percent;
      const reseller = (await api().get(`/api/resellers/${h.resellers.alphaNord}`)).body.discount_percent;
      expect(reseller).toBeLessThanOrEqual(partner);
    }
  });

  it('keeps the publisher’s identity, written by admins only', async () => {
    expect((await api().get('/api/publisher').set('Cookie', resellerCookie)).body).toEqual({ legal_name: null, address: null, siren: null, vat_number: null, vat_rate_percent: 20 });
    const identity = { legal_name: 'Cascade Éditions SA', address: '10 avenue de France, 75013 Paris', siren: '552100554', vat_number: 'FR' + String((12 + 3 * (552100554 % 97)) % 97).padStart(2, '0') + '552100554' };
    const res = await api().put('/api/publisher').send(identity);
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect(res.body).toEqual({ ...identity, vat_rate_percent: 20 });
    expect((await api().put('/api/publisher').set('Cookie', partnerCookie).send(identity)).status).toBe(403);
    expect((await api().put('/api/publisher').send({ siren: 'abc' })).body.errors).toHaveProperty('siren');
    expect((await api().get('/api/publisher').set('Cookie', partnerCookie)).body).toEqual({ ...identity, vat_rate_percent: 20 });
  });

  it('publishes the VAT rate setting to every login, as new orders are submitted at it', async () => {
    const other = await testApp(TODAY, { billing: { vatRatePercent: 5.5, invoiceDueDays: 30 } });
    const { partners, resellers } = await buildHierarchy(other);
    const reseller = await sessionCookieFor(other, { email: 'r@vat.test', role: 'reseller', partner_id: partners.alpha, reseller_id: resellers.alphaNord });
    expect((await request(other.app).get('/api/publisher').set('Cookie', reseller)).body).toMatchObject({ vat_rate_percent: 5.5 });
    // The PUT cannot change it: it is a setting of the server.
    const put = await request(other.app).put('/api/publisher').send({ vat_rate_percent: 10 });
    expect(put.body).toMatchObject({ vat_rate_percent: 5.5 });
    await other.close();
  });
});
