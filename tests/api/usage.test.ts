import request from 'supertest';
import { beforeEach, describe, expect, it } from 'vitest';
import { runAutoRenewal } from '../../server/src/domain/autoRenewal.ts';
import { addClient, fundReseller, poolBalance } from '../helpers/fixtures.ts';
import { TODAY, listQuery, statusScenario, type Scenario, type TestApp } from './scenario.ts';
import { testApp } from '../helpers/testApp.ts';

/**
 * Usage reports (DESIGN §7): a publisher's usage key reports active users, all or nothing, the
 * latest measure winning; subscriptions show them and are over-used above their seats; no seat
 * change, scheduled change or renewal (single or bulk) may go below them; auto-renewal rises to them.
 */

let t: TestApp;
let s: Scenario;
let usageKey: string;

const report = (reports: unknown[], secret = usageKey) => request(t.server).post('/api/usage').set('Authorization', `Bearer ${secret}`).send({ reports });
const subscription = async (id: number) => (await request(t.app).get(`/api/subscriptions/${id}`)).body;
const usageRows = async () => Number((await t.db.selectFrom('usage_reports').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n);

beforeEach(async () => {
  t = await testApp(TODAY);
  s = await statusScenario(t);
  const key = await request(t.app).post('/api/api_keys').send({ name: 'Serveur de licences', scope: 'usage' });
  expect(key.status).toBe(201);
  usageKey = key.body.secret;
});

describe('reporting usage', () => {
  it('accepts reports by subscription id and by client reference + product code', async () => {
    await fundReseller(t, s.resellers.alphaSud, s.products.tsend, 10);
    const client = await addClient(t, {
      name: 'Garage Lambert',
      reference: 'GL-042',
      reseller_id: s.resellers.alphaSud,
      subscriptions: [{ product_id: s.products.tsend, start_date: '2026-03-01', years: 1, seats: 4 }],
    });
    const res = await report([
      { subscription_id: s.subs.cabinet, active_users: 3, measured_at: '2026-11-25T08:00:00Z' },
      { client_reference: 'gl-042', product_code: 'TSend', active_users: 6, measured_at: '2026-11-25T08:00:00+01:00' },
    ]);
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect(res.body).toEqual({ accepted: 2 });
    expect(await subscription(s.subs.cabinet)).toMatchObject({ active_users: 3, seats: 3, over_used: false });
    expect(await subscription(client.subscriptionIds[0])).toMatchObject({ active_users: 6, seats: 4, over_used: true, active_users_measured_at: '2026-11-25T07:00:00.000Z' });
    // Never reported: null, and not over-used.
    expect(await subscription(s.subs.boulangerie)).toMatchObject({ active_users: null, over_used: false });
  });

  it('is all or nothing: an unknown subscription or reference is a 400 naming its index', async () => {
    const res = await report([
      { subscription_id: s.subs.cabinet, active_users: 3, measured_at: '2026-11-25T08:00:00Z' },
      { subscription_id: 999_999, active_users: 1, measured_at: '2026-11-25T08:00:00Z' },
      { client_reference: 'NOPE', product_code: 'TBox', active_users: 1, measured_at: '2026-11-25T08:00:00Z' },
    ]);
    expect(res.status).toBe(400);
    expect(res.body.code).toBe('unknown_subscription');
    expect(Object.keys(res.body.errors)).toEqual(['reports.1.subscription_id', 'reports.2.client_reference']);
    expect(await usageRows()).toBe(0);
    expect((await subscription(s.subs.cabinet)).active_users).toBeNull();

    const bad = await report([{ subscription_id: s.subs.cabinet, active_users: '3', measured_at: '2026-11-25' }]);
    expect(bad.status).toBe(400);
  });

  it('refuses a reference that names several clients', async () => {
    await fundReseller(t, s.resellers.betaEst, s.products.tbox, 10);
    await fundReseller(t, s.resellers.alphaSud, s.products.tbox, 10);
    for (const reseller_id of [s.resellers.betaEst, s.resellers.alphaSud]) {
      await addClient(t, { name: `Client ${reseller_id}`, reference: 'C-1', reseller_id, subscriptions: [{ product_id: s.products.tbox, start_date: '2026-03-01', years: 1, seats: 1 }] });
    }
    const res = await report([{ client_reference: 'C-1', product_code: 'TBox', active_users: 1, measured_at: '2026-11-25T08:00:00Z' }]);
    expect(res.status).toBe(400);
    expect(res.body.code).toBe('ambiguous_reference');
    expect(res.body.errors).toHaveProperty(['reports.0.client_reference']);
  });

  it('keeps every report, and the latest measure wins whatever the order they arrive in', async () => {
    expect((await report([{ subscription_id: s.subs.cabinet, active_users: 10, measured_at: '2026-11-20T00:00:00Z' }])).status).toBe(200);
    expect((await report([{ subscription_id: s.subs.cabinet, active_users: 2, measured_at: '2026-11-10T00:00:00Z' }])).status).toBe(200);
    expect((await subscription(s.subs.cabinet)).active_users).toBe(10);
    expect((await report([{ subscription_id: s.subs.cabinet, active_users: 4, measured_at: '2026-11-21T00:00:00Z' }])).status).toBe(200);
    expect((await subscription(s.subs.cabinet)).active_users).toBe(4);
    const history = await request(t.app).get(`/api/subscriptions/${s.subs.cabinet}/usage`);
    expect(history.body.map((r: { active_users: number }) => r.active_users)).toEqual([2, 10, 4]);
  });

  it('is for usage keys only: a login gets 403', async () => {
    const res = await request(t.app).post('/api/usage').send({ reports: [{ subscription_id: s.subs.cabinet, active_users: 1, measured_at: '2026-11-25T08:00:00Z' }] });
    expect(res.status).toBe(403);
    expect(res.body.code).toBe('usage_key_required');
  });
});

describe('over-used subscriptions', () => {
  it('the over_used filter and the dashboard count agree with the reports', async () => {
    await report([
      { subscription_id: s.subs.atelierTbox, active_users: 5, measured_at: '2026-11-25T08:00:00Z' },
      { subscription_id: s.subs.cabinet, active_users: 3, measured_at: '2026-11-25T08:00:00Z' },
      { subscription_id: s.subs.entreprise, active_users: 9, measured_at: '2026-11-25T08:00:00Z' },
    ]);
    const over = await request(t.app).get('/api/subscriptions').query(listQuery({ filter: { over_used: true } }));
    expect(over.status).toBe(200);
    expect(over.body.map((r: { id: number }) => r.id).sort()).toEqual([s.subs.atelierTbox, s.subs.entreprise].sort());
    const notOver = await request(t.app).get('/api/subscriptions').query(listQuery({ filter: { over_used: false } }));
    expect(notOver.body).toHaveLength(Object.keys(s.subs).length - 2);
    expect((await request(t.app).get('/api/dashboard')).body.over_used).toBe(2);
  });
});

describe('the floor: never below the active users', () => {
  beforeEach(async () => {
    // Atelier Dupont's TBox: 2 seats, 5 users reported.
    expect((await report([{ subscription_id: s.subs.atelierTbox, active_users: 5, measured_at: '2026-11-25T08:00:00Z' }])).status).toBe(200);
  });

  const pool = () => poolBalance(t, { resellerId: s.resellers.alphaNord }, s.products.tbox);

  it('refuses a seat change, a scheduled change and a renewal below them (409 below_active_users), changing nothing', async () => {
    const before = await pool();
    const seats = await request(t.app).post(`/api/subscriptions/${s.subs.atelierTbox}/seats`).send({ seats: 4 });
    expect(seats.status).toBe(409);
    expect(seats.body).toMatchObject({ code: 'below_active_users', details: { active_users: 5, seats: 4 } });
    const scheduled = await request(t.app).put(`/api/subscriptions/${s.subs.atelierTbox}`).send({ next_seats: 3 });
    expect(scheduled.status).toBe(409);
    expect(scheduled.body.code).toBe('below_active_users');
    const renewal = await request(t.app).post(`/api/subscriptions/${s.subs.atelierTbox}/renew`).send({ years: 1, seats: 4 });
    expect(renewal.status).toBe(409);
    expect(renewal.body).toMatchObject({ code: 'below_active_users', details: { active_users: 5 } });
    // Without seats the renewal takes the latest term's 2: below too.
    expect((await request(t.app).post(`/api/subscriptions/${s.subs.atelierTbox}/renew`).send({ years: 1 })).status).toBe(409);
    const bulk = await request(t.app).post('/api/subscriptions/bulk-renew').send({ ids: [s.subs.atelierTbox, s.subs.atelierTsend], years: 1 });
    expect(bulk.status).toBe(200);
    expect(bulk.body.results[0]).toMatchObject({ id: s.subs.atelierTbox, status: 409, code: 'below_active_users', details: { active_users: 5 } });
    expect(bulk.body.results[1]).toMatchObject({ id: s.subs.atelierTsend, status: 201 });

    expect(await pool()).toBe(before);
    expect(await subscription(s.subs.atelierTbox)).toMatchObject({ seats: 2, next_seats: null, end_date: '2027-01-14' });
    // The quote says where the floor is; at the floor, the renewal goes through.
    const quote = await request(t.app).get(`/api/subscriptions/${s.subs.atelierTbox}/renewal-quote`).query({ years: 1, seats: 2 });
    expect(quote.body).toMatchObject({ active_users: 5, min_seats: 5 });
    expect((await request(t.app).post(`/api/subscriptions/${s.subs.atelierTbox}/renew`).send({ years: 1, seats: 5 })).status).toBe(201);
    expect(await pool()).toBe(before - 5);
  });

  it('an auto-renewal renews at least the active users', async () => {
    expect((await request(t.app).put(`/api/subscriptions/${s.subs.atelierTbox}`).send({ auto_renew: true })).status).toBe(200);
    const before = await pool();
    const summary = await runAutoRenewal(t.db, '2027-01-05', '2027-01-05T03:00:00.000Z');
    expect(summary.renewed).toBe(1);
    const term = await t.db.selectFrom('terms').selectAll().where('subscription_id', '=', s.subs.atelierTbox).orderBy('id', 'desc').executeTakeFirstOrThrow();
    expect(term).toMatchObject({ start_date: '2027-01-15', seats: 5, origin: 'auto_renewal' });
    expect(await pool()).toBe(before - 5);
  });
});
