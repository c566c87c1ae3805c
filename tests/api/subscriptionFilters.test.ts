import request from 'supertest';
import { beforeEach, describe, expect, it } from 'vitest';
import { sessionCookieFor, testApp } from '../helpers/testApp.ts';
import { TODAY, listQuery, statusScenario, type Scenario, type TestApp } from './scenario.ts';

/** Issue 12: the to-renew list's filters (product, reseller, status, end-date period, renewed this month) and names. */

let t: TestApp;
let s: Scenario;
const list = async (filter: object, sort: [string, string] = ['id', 'ASC']) => {
  const res = await request(t.app).get('/api/subscriptions').query(listQuery({ filter, sort }));
  expect(res.status, JSON.stringify(res.body)).toBe(200);
  return res.body as Record<string, unknown>[];
};
const ids = (rows: Record<string, unknown>[]) => rows.map((r) => r.id);

beforeEach(async () => {
  t = await testApp(TODAY);
  s = await statusScenario(t);
});

describe('subscription records', () => {
  it('name their product, client and reseller (none for a partner’s own client)', async () => {
    const [atelier] = await list({ id: s.subs.atelierTbox });
    expect(atelier).toMatchObject({ product_name: 'TBox', client_name: 'Atelier Dupont', reseller_name: 'Alpha Nord' });
    const [domaine] = await list({ id: s.subs.domaine });
    expect(domaine).toMatchObject({ product_name: 'TSend', reseller_name: null });
  });

  it('sort by product name', async () => {
    const rows = await list({ client_id: s.clients.atelier }, ['product_name', 'DESC']);
    expect(rows.map((r) => r.product_name)).toEqual(['TSend', 'TBox']);
  });
});

describe('to-renew filters', () => {
  it('status expiring or expired, product and reseller', async () => {
    expect(ids(await list({ to_renew: true, status: 'expired' }))).toEqual([s.subs.boulangerie]);
    expect(ids(await list({ to_renew: true, status: ['expiring', 'expired'], product_id: s.products.tsend }))).toEqual([s.subs.atelierTsend]);
    expect(ids(await list({ to_renew: true, reseller_id: s.resellers.alphaNord, product_id: s.products.tbox }))).toEqual([s.subs.atelierTbox, s.subs.boulangerie]);
  });

  it('an end-date period, bounds included', async () => {
    expect(ids(await list({ to_renew: true, end_date_gte: '2027-01-14', end_date_lte: '2027-02-09' }))).toEqual([s.subs.atelierTbox, s.subs.atelierTsend]);
    expect(ids(await list({ to_renew: true, end_date_gte: '2027-01-15' }))).toEqual([s.subs.atelierTsend]);
    expect(ids(await list({ to_renew: true, end_date_lte: '2027-01-13' }))).toEqual([s.subs.boulangerie]);
  });

  it('renewed_from: the subscriptions renewed on or after that day, not undone ones, not creations', async () => {
    expect(ids(await list({ renewed_from: TODAY }))).toEqual([s.subs.domaine]);
    expect(ids(await list({ renewed_from: '2026-11-27' }))).toEqual([]);
    await request(t.app).post(`/api/subscriptions/${s.subs.atelierTbox}/renew`).send({ years: 1 }).expect(201);
    expect(ids(await list({ renewed_from: '2026-11-01' }))).toEqual([s.subs.atelierTbox, s.subs.domaine]);
    await request(t.app).post(`/api/subscriptions/${s.subs.atelierTbox}/undo-renewal`).expect(200);
    expect(ids(await list({ renewed_from: '2026-11-01' }))).toEqual([s.subs.domaine]);
  });

  it('a reseller’s filters stay within its own clients', async () => {
    const cookie = await sessionCookieFor(t, { email: 'sud@example.fr', role: 'reseller', partner_id: s.partners.alpha, reseller_id: s.resellers.alphaSud });
    const res = await request(t.server).get('/api/subscriptions').set('Cookie', cookie).query(listQuery({ filter: { reseller_id: s.resellers.alphaNord } }));
    expect(res.body).toEqual([]);
    const renewed = await request(t.server).get('/api/subscriptions').set('Cookie', cookie).query(listQuery({ filter: { renewed_from: '2026-01-01' } }));
    expect(renewed.body).toEqual([]);
  });

  const bad: [string, object, string][] = [
    ['a date that does not exist', { end_date_gte: '2026-02-30' }, 'end_date_gte'],
    ['a French date', { end_date_lte: '26/11/2026' }, 'end_date_lte'],
    ['a number', { renewed_from: 20261126 }, 'renewed_from'],
    ['a list of dates', { end_date_gte: ['2026-01-01', '2026-02-01'] }, 'end_date_gte'],
    ['null', { renewed_from: null }, 'renewed_from'],
    ['a year 30000', { end_date_lte: '30000-01-01' }, 'end_date_lte'],
    ['an unknown status', { status: ['expiring', 'late'] }, 'status'],
  ];
  for (const [what, filter, field] of bad) {
    it(`400 naming ${field} for ${what}`, async () => {
      const res = await request(t.app).get('/api/subscriptions').query(listQuery({ filter }));
      expect(res.status, JSON.stringify(res.body)).toBe(400);
      expect(res.body.errors).toHaveProperty([field]);
    });
  }
});
