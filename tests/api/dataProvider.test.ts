import type { AddressInfo } from 'node:net';
import { createServer, type Server } from 'node:http';
import simpleRestProvider from 'ra-data-simple-rest';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { NO_BILLING_DETAILS, poolBalance } from '../helpers/fixtures.ts';
import { testApp } from '../helpers/testApp.ts';
import { TODAY, expectLedgerConsistent, statusScenario, type Scenario, type TestApp } from './scenario.ts';

/**
 * The real ra-data-simple-rest data provider (what the SPA uses) against a live server: whatever
 * react-admin asks must come back in the shape it expects, totals included.
 */

let t: TestApp;
let s: Scenario;
let server: Server;
let dataProvider: ReturnType<typeof simpleRestProvider>;

// One live server for the file; each test gets a fresh database and app behind it (no shared state).
beforeAll(async () => {
  server = createServer((req, res) => t.app(req, res));
  server.listen(0, '127.0.0.1');
  await new Promise<void>((resolve) => server.once('listening', () => resolve()));
  const { port } = server.address() as AddressInfo;
  dataProvider = simpleRestProvider(`http://127.0.0.1:${port}/api`);
});

beforeEach(async () => {
  t = await testApp(TODAY);
  s = await statusScenario(t);
});

afterEach(async () => {
  await t.close();
});

afterAll(async () => {
  await new Promise<void>((resolve, reject) => server.close((error) => (error ? reject(error) : resolve())));
});

describe('ra-data-simple-rest against the live API', () => {
  it('getList: sort, pagination and the total from Content-Range', async () => {
    const page1 = await dataProvider.getList('clients', { pagination: { page: 1, perPage: 4 }, sort: { field: 'name', order: 'ASC' }, filter: {} });
    expect(page1.total).toBe(6);
    expect(page1.data.map((c) => c.name)).toEqual(['Atelier Dupont', 'Boulangerie Martin', 'Cabinet Leroy', 'Domaine Moreau']);
    const page2 = await dataProvider.getList('clients', { pagination: { page: 2, perPage: 4 }, sort: { field: 'name', order: 'ASC' }, filter: {} });
    expect(page2.total).toBe(6);
    expect(page2.data.map((c) => c.name)).toEqual(['Entreprise Garnier', 'Fromagerie Petit']);
    const desc = await dataProvider.getList('clients', { pagination: { page: 1, perPage: 2 }, sort: { field: 'end_date', order: 'DESC' }, filter: {} });
    expect(desc.data.map((c) => c.name)).toEqual(['Entreprise Garnier', 'Cabinet Leroy']);
  });

  it('getList: filters as the SPA sends them (q, status, to_renew)', async () => {
    const q = await dataProvider.getList('clients', { pagination: { page: 1, perPage: 25 }, sort: { field: 'name', order: 'ASC' }, filter: { q: 'erie' } });
    expect(q.data.map((c) => c.name)).toEqual(['Boulangerie Martin', 'Fromagerie Petit']);
    expect(q.total).toBe(2);
    const toRenew = await dataProvider.getList('subscriptions', {
      pagination: { page: 1, perPage: 2 },
      sort: { field: 'end_date', order: 'ASC' },
      filter: { to_renew: true },
    });
    expect(toRenew.total).toBe(3);
    expect(toRenew.data.map((r) => r.id)).toEqual([s.subs.boulangerie, s.subs.atelierTbox]);
    const statuses = await dataProvider.getList('clients', {
      pagination: { page: 1, perPage: 25 },
      sort: { field: 'name', order: 'ASC' },
      filter: { status: ['expired', 'cancelled'] },
    });
    expect(statuses.data.map((c) => c.status)).toEqual(['expired', 'cancelled']);
  });

  it('getList on the read-only ledger resources', async () => {
    const pools = await dataProvider.getList('pools', { pagination: { page: 1, perPage: 3 }, sort: { field: 'balance', order: 'DESC' }, filter: {} });
    expect(pools.total).toBe(7);
    expect(pools.data.map((p) => p.balance)).toEqual([48, 47, 46]);
    const movements = await dataProvider.getList('movements', { pagination: { page: 1, perPage: 5 }, sort: { field: 'id', order: 'DESC' }, filter: { kind: 'consume' } });
    expect(movements.total).toBe(8);
    expect(movements.data).toHaveLength(5);
  });

  it('getOne', async () => {
    const { data } = await dataProvider.getOne('clients', { id: s.clients.domaine });
    expect(data).toMatchObject({ id: s.clients.domaine, name: 'Domaine Moreau', partner_id: s.partners.beta, reseller_id: null, status: 'renewed' });
  });

  it('getOne of an unknown id rejects with the HTTP status', async () => {
    await expect(dataProvider.getOne('clients', { id: 99999 })).rejects.toMatchObject({ status: 404 });
  });

  it('getMany', async () => {
    const { data } = await dataProvider.getMany('resellers', { ids: [s.resellers.betaEst, s.resellers.alphaNord] });
    expect(data.map((r) => r.name).sort()).toEqual(['Alpha Nord', 'Beta Est']);
  });

  it('getManyReference: the subscriptions of a client, the terms of a subscription', async () => {
    const subs = await dataProvider.getManyReference('subscriptions', {
      target: 'client_id',
      id: s.clients.atelier,
      pagination: { page: 1, perPage: 1 },
      sort: { field: 'end_date', order: 'ASC' },
      filter: {},
    });
    expect(subs.total).toBe(2);
    expect(subs.data.map((r) => [r.id, r.status])).toEqual([[s.subs.atelierTbox, 'expiring']]);
    const terms = await dataProvider.getManyReference('terms', {
      target: 'subscription_id',
      id: s.subs.domaine,
      pagination: { page: 1, perPage: 10 },
      sort: { field: 'start_date', order: 'DESC' },
      filter: {},
    });
    expect(terms.total).toBe(2);
    expect(terms.data.map((r) => r.start_date)).toEqual(['2026-12-01', '2025-12-01']);
  });

  it('a bad list request rejects with a 400 whose body names the parameter', async () => {
    await expect(
      dataProvider.getList('clients', { pagination: { page: 1, perPage: 10 }, sort: { field: 'colour', order: 'ASC' }, filter: {} }),
    ).rejects.toMatchObject({ status: 400, body: { errors: { sort: expect.any(String) } } });
    await expect(
      dataProvider.getList('clients', { pagination: { page: 1, perPage: 1001 }, sort: { field: 'name', order: 'ASC' }, filter: {} }),
    ).rejects.toMatchObject({ status: 400, body: { errors: { range: expect.any(String) } } });
  });

  it('create, update and delete a partner', async () => {
    const created = await dataProvider.create('partners', { data: { name: 'Gamma', email: 'gamma@example.fr' } });
    expect(created.data).toEqual({ id: expect.any(Number), name: 'Gamma', email: 'gamma@example.fr', require_totp: false, ...NO_BILLING_DETAILS });
    const id = created.data.id;
    const updated = await dataProvider.update('partners', { id, data: { ...created.data, name: 'Gamma Distribution' }, previousData: created.data });
    expect(updated.data).toEqual({ id, name: 'Gamma Distribution', email: 'gamma@example.fr', require_totp: false, ...NO_BILLING_DETAILS });
    expect((await dataProvider.getOne('partners', { id })).data.name).toBe('Gamma Distribution');
    const deleted = await dataProvider.delete('partners', { id, previousData: updated.data });
    expect(deleted.data).toEqual(updated.data);
    await expect(dataProvider.getOne('partners', { id })).rejects.toMatchObject({ status: 404 });
  });

  it('create and delete a product; deleting one in use is refused with 409', async () => {
    const created = await dataProvider.create('products', { data: { code: 'TSign', name: 'TSign' } });
    expect(created.data).toMatchObject({ code: 'TSign', name: 'TSign' });
    const deleted = await dataProvider.delete('products', { id: created.data.id });
    expect(deleted.data).toMatchObject({ id: created.data.id, code: 'TSign' });
    await expect(dataProvider.delete('products', { id: s.products.tbox })).rejects.toMatchObject({ status: 409 });
    const all = await dataProvider.getList('products', { pagination: { page: 1, perPage: 10 }, sort: { field: 'code', order: 'ASC' }, filter: {} });
    expect(all.data.map((p) => p.code)).toEqual(['TBox', 'TSend']);
  });

  it('update of a subscription sends the whole record back; only the flag changes', async () => {
    const { data: before } = await dataProvider.getOne('subscriptions', { id: s.subs.cabinet });
    const { data } = await dataProvider.update('subscriptions', { id: s.subs.cabinet, data: { ...before, auto_renew: true }, previousData: before });
    expect(data).toEqual({ ...before, auto_renew: true });
  });

  it('create a client consumes licenses; a validation error rejects with a 400 naming the field', async () => {
    const before = await poolBalance(t, { resellerId: s.resellers.alphaSud }, s.products.tbox);
    const { data } = await dataProvider.create('clients', {
      data: { name: 'Garage Roux', reseller_id: s.resellers.alphaSud, subscriptions: [{ product_id: s.products.tbox, start_date: TODAY, years: 2, seats: 3 }] },
    });
    expect(data).toMatchObject({ id: expect.any(Number), name: 'Garage Roux', partner_id: s.partners.alpha, status: 'active' });
    expect(await poolBalance(t, { resellerId: s.resellers.alphaSud }, s.products.tbox)).toBe(before - 6);
    const subs = await dataProvider.getManyReference('subscriptions', {
      target: 'client_id',
      id: data.id,
      pagination: { page: 1, perPage: 10 },
      sort: { field: 'id', order: 'ASC' },
      filter: {},
    });
    expect(subs.data.map((r) => [r.product_id, r.seats, r.years, r.end_date])).toEqual([[s.products.tbox, 3, 2, '2028-11-25']]);
    await expect(
      dataProvider.create('clients', { data: { name: '', reseller_id: s.resellers.alphaSud, subscriptions: [] } }),
    ).rejects.toMatchObject({ status: 400, body: { errors: { name: expect.any(String), subscriptions: expect.any(String) } } });
    await expectLedgerConsistent(t);
  });
});
