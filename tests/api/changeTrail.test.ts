import request from 'supertest';
import { beforeEach, describe, expect, it } from 'vitest';
import { addClient, buildHierarchy, fundReseller } from '../helpers/fixtures.ts';
import { testApp } from '../helpers/testApp.ts';
import { TODAY, listQuery, type TestApp } from './scenario.ts';

/** Issue 12: "Historique des modifications" shows each field with its old → new value. */

let t: TestApp;
let h: Awaited<ReturnType<typeof buildHierarchy>>;
let client: number;
let sub: number;
const api = () => request(t.app);
const latestChange = async (filter: object = {}) => {
  const res = await api().get('/api/changes').query(listQuery({ filter, sort: ['id', 'DESC'], range: [0, 0] }));
  expect(res.status).toBe(200);
  return { ...res.body[0], data: JSON.parse(res.body[0].data) };
};

beforeEach(async () => {
  t = await testApp(TODAY);
  h = await buildHierarchy(t);
  await fundReseller(t, h.resellers.alphaNord, h.products.tbox, 20);
  ({ id: client, subscriptionIds: [sub] } = await addClient(t, { name: 'Librairie Blanc', reseller_id: h.resellers.alphaNord, subscriptions: [{ product_id: h.products.tbox, start_date: '2026-01-15', years: 1, seats: 2 }] }));
});

describe('change trail: {field: {from, to}}', () => {
  it('a client renamed, given a reference and moved', async () => {
    await api().put(`/api/clients/${client}`).send({ name: 'Librairie Blanche', reference: 'LB-1', reseller_id: h.resellers.alphaSud }).expect(200);
    expect((await latestChange()).data).toEqual({
      name: { from: 'Librairie Blanc', to: 'Librairie Blanche' },
      reference: { from: null, to: 'LB-1' },
      reseller_id: { from: h.resellers.alphaNord, to: h.resellers.alphaSud },
    });
  });

  it('a subscription’s flags as booleans, a seat change, an undone renewal', async () => {
    await api().put(`/api/subscriptions/${sub}`).send({ auto_renew: true }).expect(200);
    expect((await latestChange()).data).toEqual({ auto_renew: { from: false, to: true } });
    await api().post(`/api/subscriptions/${sub}/seats`).send({ seats: 3 }).expect(200);
    expect((await latestChange()).data).toEqual({ seats: { from: 2, to: 3 } });
    await api().post(`/api/subscriptions/${sub}/renew`).send({ years: 1 }).expect(201);
    await api().post(`/api/subscriptions/${sub}/undo-renewal`).expect(200);
    expect(await latestChange()).toMatchObject({ action: 'undo_renewal', data: { latest_end: { from: '2028-01-14', to: '2027-01-14' } } });
  });

  it('a creation from nothing; a catalog rename', async () => {
    const created = await latestChange({ resource: 'clients' });
    expect(created.data.name).toEqual({ from: null, to: 'Librairie Blanc' });
    await api().put(`/api/products/${h.products.tbox}`).send({ code: 'TBox', name: 'TBox Pro' }).expect(200);
    expect((await latestChange({ resource: 'products' })).data).toEqual({ name: { from: 'TBox', to: 'TBox Pro' } });
  });

  it('a row written before this format reads as changes from an unknown value', async () => {
    await t.db
      .insertInto('changes')
      .values({ actor: 'old', action: 'update', resource: 'clients', record_id: client, partner_id: h.partners.alpha, reseller_id: h.resellers.alphaNord, data: JSON.stringify({ name: 'Ancien nom' }), created_at: '2026-01-01T10:00:00+01:00' })
      .execute();
    expect((await latestChange()).data).toEqual({ name: { from: null, to: 'Ancien nom' } });
  });
});
