import request from 'supertest';
import { beforeEach, describe, expect, it } from 'vitest';
import { addClient, fundReseller } from '../helpers/fixtures.ts';
import { testApp } from '../helpers/testApp.ts';
import { TODAY, contentRange, listQuery, statusScenario, type Scenario, type TestApp } from './scenario.ts';

/** The ra-data-simple-rest list protocol (DESIGN §3) on every resource. */

const RESOURCES = ['products', 'partners', 'resellers', 'clients', 'subscriptions', 'terms', 'pools', 'movements'] as const;

let t: TestApp;
let s: Scenario;

beforeEach(async () => {
  t = await testApp(TODAY);
  s = await statusScenario(t);
});

async function list(resource: string, params: { sort?: unknown; range?: unknown; filter?: unknown } = {}) {
  const res = await request(t.app).get(`/api/${resource}`).query(listQuery(params));
  expect(res.status, `${resource} ${JSON.stringify(params)} → ${JSON.stringify(res.body)}`).toBe(200);
  expect(Array.isArray(res.body)).toBe(true);
  const range = contentRange(res.headers['content-range']);
  expect(range.resource).toBe(resource);
  return { rows: res.body as Record<string, unknown>[], range, res };
}

const ids = (rows: Record<string, unknown>[]) => rows.map((r) => r.id);
const names = (rows: Record<string, unknown>[]) => rows.map((r) => r.name);

async function badList(resource: string, query: Record<string, string>) {
  const res = await request(t.app).get(`/api/${resource}`).query(query);
  expect(res.status, `${resource} ${JSON.stringify(query)} → ${res.status} ${JSON.stringify(res.body)}`).toBe(400);
  expect(res.headers['content-type']).toMatch(/application\/json/);
  expect(typeof res.body.message).toBe('string');
  expect(res.body.errors).toBeTypeOf('object');
  return res.body as { message: string; errors: Record<string, string> };
}

describe('every resource answers the list protocol', () => {
  // Totals of the scenario: 2 products, 2 partners, 3 resellers, 6 clients, 7 subscriptions,
  // 8 terms (7 first terms + 1 renewal), 7 pools, 17 movements (5 grants, 4 allocations, 8 consumptions).
  const totals: Record<(typeof RESOURCES)[number], number> = {
    products: 2,
    partners: 2,
    resellers: 3,
    clients: 6,
    subscriptions: 7,
    terms: 8,
    pools: 7,
    movements: 17,
  };

  for (const resource of RESOURCES) {
    it(`${resource}: JSON array, Content-Range with the full total, exposed to the browser`, async () => {
      const { rows, range, res } = await list(resource, { range: [0, 24] });
      expect(rows).toHaveLength(totals[resource]);
      expect(range).toEqual({ resource, start: 0, end: totals[resource] - 1, total: totals[resource] });
      expect(res.headers['access-control-expose-headers']).toMatch(/content-range/i);
      expect(res.headers['content-type']).toMatch(/application\/json/);
      expect(new Set(ids(rows)).size).toBe(rows.length);
    });

    it(`${resource}: a page of one row still reports the full total`, async () => {
      const { rows, range } = await list(resource, { range: [1, 1] });
      expect(rows).toHaveLength(1);
      expect(range).toEqual({ resource, start: 1, end: 1, total: totals[resource] });
    });

    it(`${resource}: sort by id ASC and DESC give opposite orders`, async () => {
      const asc = ids((await list(resource, { sort: ['id', 'ASC'] })).rows) as number[];
      const desc = ids((await list(resource, { sort: ['id', 'DESC'] })).rows) as number[];
      expect(asc).toEqual([...asc].sort((a, b) => a - b));
      expect(desc).toEqual([...asc].reverse());
    });

    it(`${resource}: getMany (filter id array) returns exactly those records`, async () => {
      const all = ids((await list(resource, { sort: ['id', 'ASC'] })).rows) as number[];
      const wanted = [all[0], all[all.length - 1]];
      const { rows, range } = await list(resource, { filter: { id: wanted } });
      expect((ids(rows) as number[]).sort((a, b) => a - b)).toEqual(wanted);
      expect(range.total).toBe(2);
    });

    it(`${resource}: GET /${resource}/:id answers the record, 404 for an unknown id, 400 for a non-numeric id`, async () => {
      const { rows } = await list(resource, { sort: ['id', 'ASC'], range: [0, 0] });
      const one = await request(t.app).get(`/api/${resource}/${rows[0].id}`);
      expect(one.status).toBe(200);
      expect(one.body).toEqual(rows[0]);
      const missing = await request(t.app).get(`/api/${resource}/999999`);
      expect(missing.status).toBe(404);
      expect(typeof missing.body.message).toBe('string');
      const bad = await request(t.app).get(`/api/${resource}/abc`);
      expect(bad.status).toBe(400);
      expect(bad.body.errors).toHaveProperty('id');
    });

    it(`${resource}: a range of more than 1000 rows is a 400 naming range; 1000 rows is fine`, async () => {
      const body = await badList(resource, listQuery({ range: [0, 1000] }));
      expect(body.errors).toHaveProperty('range');
      await list(resource, { range: [0, 999] });
    });

    it(`${resource}: an unknown sort field or filter is a 400`, async () => {
      expect((await badList(resource, listQuery({ sort: ['no_such_field', 'ASC'] }))).errors).toHaveProperty('sort');
      const unknownFilter = await badList(resource, listQuery({ filter: { no_such_field: 1 } }));
      expect(JSON.stringify(unknownFilter.errors)).toMatch(/no_such_field|filter/);
    });
  }
});

describe('fields listed in DESIGN §3', () => {
  const expected: Record<string, string[]> = {
    products: ['id', 'code', 'name'],
    partners: ['id', 'name', 'email'],
    resellers: ['id', 'name', 'email', 'partner_id'],
    clients: ['id', 'name', 'partner_id', 'reseller_id', 'status', 'end_date', 'to_renew'],
    subscriptions: ['id', 'client_id', 'product_id', 'status', 'start_date', 'end_date', 'years', 'seats', 'auto_renew', 'cancelled', 'renewed'],
    terms: ['id', 'subscription_id', 'start_date', 'end_date', 'years', 'seats'],
    pools: ['id', 'holder_type', 'holder_id', 'product_id', 'balance'],
    movements: ['id', 'kind', 'product_id', 'quantity', 'from_pool_id', 'to_pool_id', 'subscription_id', 'actor', 'reason', 'created_at'],
  };
  for (const [resource, fields] of Object.entries(expected)) {
    it(`${resource} rows carry ${fields.join(', ')}, each usable as a sort field`, async () => {
      const { rows } = await list(resource);
      for (const field of fields) expect(rows[0]).toHaveProperty(field);
      for (const field of fields) await list(resource, { sort: [field, 'DESC'], range: [0, 4] });
    });
  }
});

describe('sorting', () => {
  it('partners and resellers sort by name ASC and DESC', async () => {
    expect(names((await list('partners', { sort: ['name', 'ASC'] })).rows)).toEqual(['Alpha', 'Beta']);
    expect(names((await list('partners', { sort: ['name', 'DESC'] })).rows)).toEqual(['Beta', 'Alpha']);
    expect(names((await list('resellers', { sort: ['name', 'ASC'] })).rows)).toEqual(['Alpha Nord', 'Alpha Sud', 'Beta Est']);
    expect(names((await list('resellers', { sort: ['name', 'DESC'] })).rows)).toEqual(['Beta Est', 'Alpha Sud', 'Alpha Nord']);
  });

  it('clients sort by name and by their shown end date', async () => {
    expect(names((await list('clients', { sort: ['name', 'ASC'] })).rows)).toEqual([
      'Atelier Dupont',
      'Boulangerie Martin',
      'Cabinet Leroy',
      'Domaine Moreau',
      'Entreprise Garnier',
      'Fromagerie Petit',
    ]);
    const byEnd = (await list('clients', { sort: ['end_date', 'ASC'] })).rows;
    expect(byEnd.map((r) => [r.name, r.end_date])).toEqual([
      ['Boulangerie Martin', '2026-05-31'],
      ['Domaine Moreau', '2026-11-30'],
      ['Atelier Dupont', '2027-01-14'],
      ['Fromagerie Petit', '2027-01-31'],
      ['Cabinet Leroy', '2027-05-31'],
      ['Entreprise Garnier', '2028-02-29'],
    ]);
    const byEndDesc = (await list('clients', { sort: ['end_date', 'DESC'] })).rows;
    expect(names(byEndDesc)).toEqual(names(byEnd).reverse());
  });

  it('subscriptions sort by end_date and by seats', async () => {
    const byEnd = (await list('subscriptions', { sort: ['end_date', 'ASC'] })).rows;
    expect(ids(byEnd)).toEqual([
      s.subs.boulangerie,
      s.subs.domaine,
      s.subs.atelierTbox,
      s.subs.fromagerie,
      s.subs.atelierTsend,
      s.subs.cabinet,
      s.subs.entreprise,
    ]);
    const bySeats = (await list('subscriptions', { sort: ['seats', 'DESC'] })).rows;
    expect(bySeats.map((r) => r.seats)).toEqual([5, 4, 3, 2, 1, 1, 1]);
  });

  it('accepts the order in lower case', async () => {
    expect(names((await list('partners', { sort: ['name', 'desc'] })).rows)).toEqual(['Beta', 'Alpha']);
  });
});

describe('paging', () => {
  it('walks the clients page by page; every page says the full total', async () => {
    const page = (start: number, end: number) => list('clients', { sort: ['name', 'ASC'], range: [start, end] });
    const p1 = await page(0, 1);
    const p2 = await page(2, 3);
    const p3 = await page(4, 5);
    expect(names(p1.rows)).toEqual(['Atelier Dupont', 'Boulangerie Martin']);
    expect(names(p2.rows)).toEqual(['Cabinet Leroy', 'Domaine Moreau']);
    expect(names(p3.rows)).toEqual(['Entreprise Garnier', 'Fromagerie Petit']);
    expect(p1.range).toMatchObject({ start: 0, end: 1, total: 6 });
    expect(p2.range).toMatchObject({ start: 2, end: 3, total: 6 });
    expect(p3.range).toMatchObject({ start: 4, end: 5, total: 6 });
  });

  it('a last page shorter than the range ends at the last row', async () => {
    const { rows, range } = await list('clients', { sort: ['name', 'ASC'], range: [4, 9] });
    expect(names(rows)).toEqual(['Entreprise Garnier', 'Fromagerie Petit']);
    expect(range).toMatchObject({ start: 4, end: 5, total: 6 });
  });

  it('a page past the end is empty and still reports the total', async () => {
    const { rows, range } = await list('clients', { range: [50, 59] });
    expect(rows).toEqual([]);
    expect(range.total).toBe(6);
  });

  it('paging a filtered list counts the matching rows only', async () => {
    const { rows, range } = await list('subscriptions', { filter: { to_renew: true }, sort: ['end_date', 'ASC'], range: [0, 0] });
    expect(ids(rows)).toEqual([s.subs.boulangerie]);
    expect(range).toMatchObject({ start: 0, end: 0, total: 3 });
  });
});

describe('statuses and to_renew, relative to today', () => {
  it('each subscription has the status its dates give', async () => {
    const { rows } = await list('subscriptions');
    const byId = Object.fromEntries(rows.map((r) => [r.id, r]));
    expect(byId[s.subs.atelierTbox]).toMatchObject({ status: 'expiring', end_date: '2027-01-14', renewed: false, cancelled: false, to_renew: true });
    expect(byId[s.subs.atelierTsend]).toMatchObject({ status: 'expiring', end_date: '2027-02-09', years: 2, seats: 1 });
    expect(byId[s.subs.boulangerie]).toMatchObject({ status: 'expired', end_date: '2026-05-31', to_renew: true });
    expect(byId[s.subs.cabinet]).toMatchObject({ status: 'active', start_date: '2026-06-01', end_date: '2027-05-31', seats: 3, to_renew: false });
    // A renewed subscription shows its current term, not the new one.
    expect(byId[s.subs.domaine]).toMatchObject({ status: 'renewed', renewed: true, start_date: '2025-12-01', end_date: '2026-11-30', seats: 4 });
    expect(byId[s.subs.entreprise]).toMatchObject({ status: 'not_started', start_date: '2027-03-01', end_date: '2028-02-29', seats: 5 });
    expect(byId[s.subs.fromagerie]).toMatchObject({ status: 'cancelled', cancelled: true, to_renew: false });
  });

  it('each client has the status of its most urgent subscription', async () => {
    const { rows } = await list('clients', { sort: ['name', 'ASC'] });
    expect(rows.map((r) => [r.name, r.status, r.end_date, r.to_renew])).toEqual([
      ['Atelier Dupont', 'expiring', '2027-01-14', true],
      ['Boulangerie Martin', 'expired', '2026-05-31', true],
      ['Cabinet Leroy', 'active', '2027-05-31', false],
      ['Domaine Moreau', 'renewed', '2026-11-30', false],
      ['Entreprise Garnier', 'not_started', '2028-02-29', false],
      ['Fromagerie Petit', 'cancelled', '2027-01-31', false],
    ]);
  });

  it('filters clients by status, by a list of statuses and by to_renew', async () => {
    expect(names((await list('clients', { filter: { status: 'expiring' } })).rows)).toEqual(['Atelier Dupont']);
    expect(names((await list('clients', { filter: { status: 'cancelled' } })).rows)).toEqual(['Fromagerie Petit']);
    const several = await list('clients', { filter: { status: ['active', 'not_started'] }, sort: ['name', 'ASC'] });
    expect(names(several.rows)).toEqual(['Cabinet Leroy', 'Entreprise Garnier']);
    expect(several.range.total).toBe(2);
    const toRenew = await list('clients', { filter: { to_renew: true }, sort: ['end_date', 'ASC'] });
    expect(names(toRenew.rows)).toEqual(['Boulangerie Martin', 'Atelier Dupont']);
    expect(toRenew.range.total).toBe(2);
    expect((await list('clients', { filter: { to_renew: false } })).range.total).toBe(4);
  });

  it('filters subscriptions by status and to_renew (never a cancelled one)', async () => {
    expect(ids((await list('subscriptions', { filter: { status: 'expiring' }, sort: ['end_date', 'ASC'] })).rows)).toEqual([
      s.subs.atelierTbox,
      s.subs.atelierTsend,
    ]);
    expect(ids((await list('subscriptions', { filter: { status: 'renewed' } })).rows)).toEqual([s.subs.domaine]);
    const toRenew = (await list('subscriptions', { filter: { to_renew: true }, sort: ['end_date', 'ASC'] })).rows;
    expect(ids(toRenew)).toEqual([s.subs.boulangerie, s.subs.atelierTbox, s.subs.atelierTsend]);
    expect(ids(toRenew)).not.toContain(s.subs.fromagerie);
  });

  it('ends exactly 3 months from today is active, one day less is expiring', async () => {
    const h = s;
    await fundReseller(t, h.resellers.alphaSud, h.products.tsend, 2);
    const edge = await addClient(t, {
      name: 'Limite Exacte',
      reseller_id: h.resellers.alphaSud,
      subscriptions: [{ product_id: h.products.tsend, start_date: '2026-02-27', years: 1, seats: 1 }], // ends 2027-02-26
    });
    const before = await addClient(t, {
      name: 'Limite Veille',
      reseller_id: h.resellers.alphaSud,
      subscriptions: [{ product_id: h.products.tsend, start_date: '2026-02-26', years: 1, seats: 1 }], // ends 2027-02-25
    });
    const rows = (await list('subscriptions', { filter: { id: [edge.subscriptionIds[0], before.subscriptionIds[0]] }, sort: ['end_date', 'ASC'] })).rows;
    expect(rows.map((r) => [r.end_date, r.status])).toEqual([
      ['2027-02-25', 'expiring'],
      ['2027-02-26', 'active'],
    ]);
  });

  it('statuses follow the calendar: when the day changes, lists show the new status', async () => {
    t.clock.set('2027-01-15'); // the day after Atelier Dupont's TBox term ended
    const sub = await request(t.app).get(`/api/subscriptions/${s.subs.atelierTbox}`);
    expect(sub.body).toMatchObject({ status: 'expired', to_renew: true });
    const expired = await list('subscriptions', { filter: { status: 'expired' }, sort: ['end_date', 'ASC'] });
    expect(ids(expired.rows)).toEqual([s.subs.boulangerie, s.subs.atelierTbox]);
    // Domaine Moreau's first term ended on 2026-11-30: its renewal term is now the current one, active.
    const domaine = await request(t.app).get(`/api/subscriptions/${s.subs.domaine}`);
    expect(domaine.body).toMatchObject({ status: 'active', start_date: '2026-12-01', end_date: '2027-11-30', renewed: false });
    const client = await request(t.app).get(`/api/clients/${s.clients.atelier}`);
    expect(client.body).toMatchObject({ status: 'expired', end_date: '2027-01-14' });
  });
});

describe('reference filters (getManyReference)', () => {
  it('subscriptions of a client', async () => {
    const { rows, range } = await list('subscriptions', { filter: { client_id: s.clients.atelier }, sort: ['id', 'ASC'] });
    expect(ids(rows)).toEqual([s.subs.atelierTbox, s.subs.atelierTsend]);
    expect(range.total).toBe(2);
    expect(rows.every((r) => r.client_id === s.clients.atelier)).toBe(true);
  });

  it('a reference id given as a string (from a URL) filters the same', async () => {
    const { rows } = await list('subscriptions', { filter: { client_id: String(s.clients.atelier) } });
    expect(rows).toHaveLength(2);
  });

  it('clients and resellers of a partner, clients of a reseller', async () => {
    expect(names((await list('resellers', { filter: { partner_id: s.partners.alpha }, sort: ['name', 'ASC'] })).rows)).toEqual([
      'Alpha Nord',
      'Alpha Sud',
    ]);
    expect(names((await list('clients', { filter: { partner_id: s.partners.beta }, sort: ['name', 'ASC'] })).rows)).toEqual([
      'Domaine Moreau',
      'Entreprise Garnier',
    ]);
    expect(names((await list('clients', { filter: { reseller_id: s.resellers.alphaNord }, sort: ['name', 'ASC'] })).rows)).toEqual([
      'Atelier Dupont',
      'Boulangerie Martin',
      'Fromagerie Petit',
    ]);
  });

  it('reseller_id null means "managed by the partner itself"', async () => {
    expect(names((await list('clients', { filter: { reseller_id: null } })).rows)).toEqual(['Domaine Moreau']);
  });

  it('subscriptions by product, reseller and partner', async () => {
    const tsend = (await list('subscriptions', { filter: { product_id: s.products.tsend }, sort: ['id', 'ASC'] })).rows;
    expect(ids(tsend)).toEqual([s.subs.atelierTsend, s.subs.domaine, s.subs.entreprise]);
    const nord = (await list('subscriptions', { filter: { reseller_id: s.resellers.alphaNord }, sort: ['id', 'ASC'] })).rows;
    expect(ids(nord)).toEqual([s.subs.atelierTbox, s.subs.atelierTsend, s.subs.boulangerie, s.subs.fromagerie]);
    const beta = (await list('subscriptions', { filter: { partner_id: s.partners.beta }, sort: ['id', 'ASC'] })).rows;
    expect(ids(beta)).toEqual([s.subs.domaine, s.subs.entreprise]);
  });

  it('clients by product: those having a subscription to it (one product or any of several)', async () => {
    const tsend = (await list('clients', { filter: { product_id: s.products.tsend }, sort: ['name', 'ASC'] })).rows;
    expect(names(tsend)).toEqual(['Atelier Dupont', 'Domaine Moreau', 'Entreprise Garnier']);
    const both = await list('clients', { filter: { product_id: [s.products.tbox, s.products.tsend], status: 'expiring' } });
    expect(names(both.rows)).toEqual(['Atelier Dupont']);
    expect(both.rows[0]).not.toHaveProperty('product_id');
    const bad = await request(t.app).get('/api/clients').query(listQuery({ sort: ['product_id', 'ASC'] }));
    expect(bad.status).toBe(400);
  });

  it('terms of a subscription, in date order', async () => {
    const { rows } = await list('terms', { filter: { subscription_id: s.subs.domaine }, sort: ['start_date', 'ASC'] });
    expect(rows.map((r) => [r.start_date, r.end_date, r.years, r.seats])).toEqual([
      ['2025-12-01', '2026-11-30', 1, 4],
      ['2026-12-01', '2027-11-30', 1, 4],
    ]);
  });

  it('pools by holder type, by partner and by reseller, with their balances', async () => {
    const partnerPools = (await list('pools', { filter: { holder_type: 'partner' } })).rows;
    expect(partnerPools).toHaveLength(3);
    expect(partnerPools.every((p) => p.holder_type === 'partner')).toBe(true);
    const nord = (await list('pools', { filter: { holder_type: 'reseller', holder_id: s.resellers.alphaNord }, sort: ['product_id', 'ASC'] })).rows;
    expect(nord.map((p) => [p.product_id, p.balance])).toEqual([
      [s.products.tbox, 46],
      [s.products.tsend, 48],
    ]);
    const beta = (await list('pools', { filter: { holder_type: 'partner', holder_id: s.partners.beta } })).rows;
    expect(beta.map((p) => [p.product_id, p.balance])).toEqual([[s.products.tsend, 32]]);
  });

  it('movements of a subscription and by kind', async () => {
    const domaine = (await list('movements', { filter: { subscription_id: s.subs.domaine }, sort: ['id', 'ASC'] })).rows;
    expect(domaine.map((m) => [m.kind, m.quantity, m.to_pool_id])).toEqual([
      ['consume', 4, null],
      ['consume', 4, null],
    ]);
    expect((await list('movements', { filter: { kind: 'grant' } })).range.total).toBe(5);
    expect((await list('movements', { filter: { kind: 'allocate' } })).range.total).toBe(4);
    expect((await list('movements', { filter: { kind: ['consume', 'allocate'] } })).range.total).toBe(12);
  });

  it('every listed field filters by equality, e.g. products by code, subscriptions by seats', async () => {
    expect((await list('products', { filter: { code: 'TSend' } })).rows.map((r) => r.id)).toEqual([s.products.tsend]);
    expect(ids((await list('subscriptions', { filter: { seats: 3 } })).rows)).toEqual([s.subs.cabinet]);
    expect(ids((await list('subscriptions', { filter: { cancelled: true } })).rows)).toEqual([s.subs.fromagerie]);
    expect((await list('terms', { filter: { years: 2 } })).range.total).toBe(1);
  });
});

describe('q: case-insensitive substring search on names', () => {
  it('clients', async () => {
    expect(names((await list('clients', { filter: { q: 'MARTIN' } })).rows)).toEqual(['Boulangerie Martin']);
    expect(names((await list('clients', { filter: { q: 'erie' }, sort: ['name', 'ASC'] })).rows)).toEqual([
      'Boulangerie Martin',
      'Fromagerie Petit',
    ]);
    const er = await list('clients', { filter: { q: 'eR' }, range: [0, 1] });
    expect(er.range.total).toBe(5); // all but Domaine Moreau
  });

  it('q combines with other filters', async () => {
    expect(names((await list('clients', { filter: { q: 'erie', status: 'expired' } })).rows)).toEqual(['Boulangerie Martin']);
  });

  it('partners, resellers, products and subscriptions (by client name)', async () => {
    expect(names((await list('partners', { filter: { q: 'bET' } })).rows)).toEqual(['Beta']);
    expect(names((await list('resellers', { filter: { q: 'alpha' }, sort: ['name', 'ASC'] })).rows)).toEqual(['Alpha Nord', 'Alpha Sud']);
    expect((await list('products', { filter: { q: 'tsend' } })).rows.map((r) => r.code)).toEqual(['TSend']);
    expect(ids((await list('subscriptions', { filter: { q: 'dupont' }, sort: ['id', 'ASC'] })).rows)).toEqual([
      s.subs.atelierTbox,
      s.subs.atelierTsend,
    ]);
  });

  it('a search that matches nothing answers an empty page with total 0', async () => {
    const { rows, range } = await list('clients', { filter: { q: 'zzz' } });
    expect(rows).toEqual([]);
    expect(range.total).toBe(0);
  });

  it('% and _ are searched literally', async () => {
    expect((await list('clients', { filter: { q: '%' } })).range.total).toBe(0);
    expect((await list('clients', { filter: { q: '_' } })).range.total).toBe(0);
  });

  it('is case-insensitive on accented letters too (French names)', async () => {
    const h = s;
    await fundReseller(t, h.resellers.alphaSud, h.products.tsend, 1);
    await addClient(t, {
      name: 'Électricité Générale',
      reseller_id: h.resellers.alphaSud,
      subscriptions: [{ product_id: h.products.tsend, start_date: '2026-06-01', years: 1, seats: 1 }],
    });
    expect(names((await list('clients', { filter: { q: 'électricité' } })).rows)).toEqual(['Électricité Générale']);
    expect(names((await list('clients', { filter: { q: 'GÉNÉRALE' } })).rows)).toEqual(['Électricité Générale']);
  });
});

describe('bad list requests are 400 naming the parameter, never 500', () => {
  it('malformed JSON in sort, range and filter', async () => {
    expect((await badList('clients', { sort: '["name","ASC"' })).errors).toHaveProperty('sort');
    expect((await badList('clients', { range: '[0,' })).errors).toHaveProperty('range');
    expect((await badList('clients', { filter: '{q:"x"}' })).errors).toHaveProperty('filter');
  });

  it('well-formed JSON of the wrong shape', async () => {
    expect((await badList('clients', { sort: '["name"]' })).errors).toHaveProperty('sort');
    expect((await badList('clients', { sort: '["name","UP"]' })).errors).toHaveProperty('sort');
    expect((await badList('clients', { range: '[5,2]' })).errors).toHaveProperty('range');
    expect((await badList('clients', { range: '[-1,5]' })).errors).toHaveProperty('range');
    expect((await badList('clients', { range: '["a","b"]' })).errors).toHaveProperty('range');
    expect((await badList('clients', { filter: '[1,2]' })).errors).toHaveProperty('filter');
  });

  it('a range of 1001 rows anywhere in the list', async () => {
    expect((await badList('subscriptions', listQuery({ range: [1000, 2000] }))).errors).toHaveProperty('range');
  });

  it('a sort field named like a JavaScript built-in (toString, constructor, __proto__) is an unknown field: 400, not 500', async () => {
    for (const field of ['toString', 'constructor', '__proto__']) {
      const body = await badList('clients', listQuery({ sort: [field, 'ASC'] }));
      expect(body.errors).toHaveProperty('sort');
    }
  });

  it('a filter named like a JavaScript built-in is an unknown filter (400), not silently ignored', async () => {
    for (const filter of ['{"toString":1}', '{"constructor":"x"}', '{"__proto__":1}']) {
      const res = await request(t.app).get('/api/clients').query({ filter });
      expect(res.status, `${filter} → ${res.status} ${res.headers['content-range']}`).toBe(400);
    }
  });

  it('a list parameter given twice is a 400', async () => {
    const res = await request(t.app).get('/api/clients?sort=["name","ASC"]&sort=["id","ASC"]');
    expect(res.status).toBe(400);
    expect(res.body.errors).toHaveProperty('sort');
  });

  it('unknown sort fields and filters name what was wrong', async () => {
    const sort = await badList('clients', listQuery({ sort: ['password', 'ASC'] }));
    expect(sort.errors.sort).toMatch(/password/);
    const filter = await badList('subscriptions', listQuery({ filter: { colour: 'red' } }));
    expect(JSON.stringify(filter.errors)).toMatch(/colour/);
  });

  it('a filter value of the wrong type', async () => {
    expect((await badList('clients', listQuery({ filter: { partner_id: 'abc' } }))).errors).toHaveProperty('partner_id');
    expect((await badList('clients', listQuery({ filter: { status: 'sleeping' } }))).errors).toHaveProperty('status');
    expect((await badList('clients', listQuery({ filter: { to_renew: 'maybe' } }))).errors).toHaveProperty('to_renew');
    expect((await badList('clients', listQuery({ filter: { end_date: '2026-02-30' } }))).errors).toHaveProperty('end_date');
    expect((await badList('subscriptions', listQuery({ filter: { client_id: [1, 'x'] } }))).errors).toHaveProperty('client_id');
    expect((await badList('clients', listQuery({ filter: { q: 42 } }))).errors).toHaveProperty('q');
    expect((await badList('clients', listQuery({ filter: { partner_id: { gt: 1 } } }))).errors).toHaveProperty('partner_id');
  });

  it('q on a resource without names (terms, movements) is refused', async () => {
    expect(JSON.stringify((await badList('terms', listQuery({ filter: { q: 'x' } }))).errors)).toMatch(/q/);
  });
});
