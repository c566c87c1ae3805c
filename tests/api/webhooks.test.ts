import pino from 'pino';
import request from 'supertest';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { runAutoRenewal } from '../../server/src/domain/autoRenewal.ts';
import { recordExpirations } from '../../server/src/domain/expirations.ts';
import { runReminders } from '../../server/src/domain/notifications.ts';
import { createDeliveryWorker } from '../../server/src/webhooks/worker.ts';
import { billingParties } from '../helpers/billingParties.ts';
import { addClient, buildHierarchy, fundReseller } from '../helpers/fixtures.ts';
import { sessionCookieFor, testApp } from '../helpers/testApp.ts';
import { signatureVerifies, startReceiver } from '../helpers/webhookReceiver.ts';
import { TODAY, contentRange, grantPartner, listQuery, type TestApp } from './scenario.ts';

/** DESIGN §7 webhooks: endpoints per organisation, the outbox, signed deliveries with retries. */

let t: TestApp;
let h: Awaited<ReturnType<typeof buildHierarchy>>;
let receiver: Awaited<ReturnType<typeof startReceiver>>;
const api = () => request(t.app);
const RETRY_BASE_MS = 1_000;

const worker = () =>
  createDeliveryWorker(t.db, { clock: t.clock, logger: pino({ level: 'silent' }), retryBaseMs: RETRY_BASE_MS, pollMs: 60_000, allowPrivate: true, jitter: () => 1 });

/** A login of an organisation, answering supertest requests with its own session. */
async function loginOf(login: Parameters<typeof sessionCookieFor>[1]) {
  const cookie = await sessionCookieFor(t, login);
  return {
    get: (path: string) => request(t.app).get(path).set('Cookie', cookie),
    post: (path: string, body?: object) => request(t.app).post(path).set('Cookie', cookie).send(body),
    put: (path: string, body: object) => request(t.app).put(path).set('Cookie', cookie).send(body),
    delete: (path: string) => request(t.app).delete(path).set('Cookie', cookie),
  };
}

/** A client of Alpha Nord (reseller of partner Alpha) with a TBox subscription ending 2026-12-31. */
async function nordSubscription() {
  await fundReseller(t, h.resellers.alphaNord, h.products.tbox, 100);
  const { subscriptionIds } = await addClient(t, {
    name: 'Dupont SA',
    reseller_id: h.resellers.alphaNord,
    subscriptions: [{ product_id: h.products.tbox, start_date: '2026-01-01', years: 1, seats: 5 }],
  });
  return subscriptionIds[0];
}

async function register(events: string[] = ['subscription.renewed']) {
  const res = await api().post('/api/webhooks').send({ url: receiver.url, events });
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  return res.body as { id: number; secret: string };
}

const deliveries = () => t.db.selectFrom('webhook_deliveries').selectAll().orderBy('id').execute();

beforeEach(async () => {
  t = await testApp(TODAY, { webhookTargets: { allowPrivate: true } });
  h = await buildHierarchy(t);
  receiver = await startReceiver();
});
afterEach(async () => {
  await receiver.close();
  await t.close();
});

describe('POST /api/webhooks', () => {
  it('answers the signing secret once; reads never show it', async () => {
    const created = await api().post('/api/webhooks').send({ url: receiver.url, events: ['subscription.renewed', 'order.submitted'] });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ id: expect.any(Number), url: receiver.url, events: ['subscription.renewed', 'order.submitted'], active: true, failing_since: null });
    expect(created.body.secret).toMatch(/^whsec_[0-9a-f]{64}$/);
    const one = await api().get(`/api/webhooks/${created.body.id}`).expect(200);
    expect(one.body).not.toHaveProperty('secret');
    expect(one.body.events).toEqual(['subscription.renewed', 'order.submitted']);
    const list = await api().get('/api/webhooks').expect(200);
    expect(contentRange(list.headers['content-range'])).toMatchObject({ total: 1 });
    expect(list.body[0]).not.toHaveProperty('secret');
  });

  it('refuses unknown events and empty lists (400), storing nothing', async () => {
    const unknown = await api().post('/api/webhooks').send({ url: receiver.url, events: ['subscription.renewed', 'client.deleted'] });
    expect(unknown.status).toBe(400);
    expect(unknown.body).toMatchObject({ code: 'unknown_event', errors: { events: expect.stringContaining('client.deleted') } });
    await api().post('/api/webhooks').send({ url: receiver.url, events: [] }).expect(400);
    await api().post('/api/webhooks').send({ url: receiver.url, events: 'subscription.renewed' }).expect(400);
    await api().post('/api/webhooks').send({ url: 42, events: ['subscription.renewed'] }).expect(400);
    expect(await t.db.selectFrom('webhooks').selectAll().execute()).toEqual([]);
  });

  it('PUT changes URL, events and activity and ignores the read-only fields; DELETE removes it', async () => {
    const { id } = await register();
    const res = await api()
      .put(`/api/webhooks/${id}`)
      .send({ id, url: `${receiver.url}/v2`, events: ['invoice.issued'], active: false, failing_since: '2026-01-01T00:00:00.000Z', created_at: 'x' });
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect(res.body).toMatchObject({ url: `${receiver.url}/v2`, events: ['invoice.issued'], active: false, failing_since: null });
    await api().put(`/api/webhooks/${id}`).send({ events: ['nope'] }).expect(400);
    await api().delete(`/api/webhooks/${id}`).expect(200);
    await api().get(`/api/webhooks/${id}`).expect(404);
    // The change trail says who did what, never with the secret.
    const trail = await api().get('/api/changes').query(listQuery({ filter: { resource: 'webhooks' }, sort: ['id', 'ASC'] })).expect(200);
    expect(trail.body.map((c: { action: string }) => c.action)).toEqual(['create', 'update', 'delete']);
    expect(JSON.stringify(trail.body)).not.toContain('whsec_');
  });
});

describe('URL policy without WEBHOOK_ALLOW_PRIVATE', () => {
  it('refuses non-http schemes and private, loopback, link-local and metadata addresses with a code', async () => {
    const strict = await testApp(TODAY);
    try {
      const post = (url: string) => request(strict.app).post('/api/webhooks').send({ url, events: ['subscription.renewed'] });
      for (const url of ['ftp://example.com/hook', 'javascript:alert(1)', 'not a url', 'http://user:pw@example.com/']) {
        const res = await post(url);
        expect(res.status, url).toBe(400);
        expect(res.body.code, url).toBe('invalid_url');
      }
      for (const url of [
        'http://127.0.0.1:8080/hook',
        'http://localhost/hook',
        'http://10.1.2.3/',
        'http://192.168.1.10/',
        'http://172.16.0.1/',
        'http://169.254.169.254/latest/meta-data',
        'http://0.0.0.0/',
        'http://[::1]/',
        'http://[fd00::1]/',
        'http://[fe80::1]/',
        'http://[::ffff:127.0.0.1]/',
        'http://0x7f000001/',
      ]) {
        const res = await post(url);
        expect(res.status, url).toBe(400);
        expect(res.body.code, url).toBe('private_address');
      }
      await post('https://hooks.example.com/cascade').expect(201);
      expect(await strict.db.selectFrom('webhooks').select('url').execute()).toEqual([{ url: 'https://hooks.example.com/cascade' }]);
    } finally {
      await strict.close();
    }
  });
});

describe('deliveries', () => {
  it('a renewal is delivered signed, with the subscription as GET answers it', async () => {
    const subscriptionId = await nordSubscription();
    const { secret } = await register();
    await api().post(`/api/subscriptions/${subscriptionId}/renew`).send({ years: 1, seats: 5 }).expect(201);
    expect(receiver.received).toHaveLength(0); // the outbox holds it until the worker runs
    expect(await worker().runOnce()).toBe(1);

    expect(receiver.received).toHaveLength(1);
    const [hit] = receiver.received;
    expect(hit.headers['content-type']).toBe('application/json');
    expect(signatureVerifies(secret, hit.headers['cascade-signature'], hit.body)).toBe(true);
    expect(signatureVerifies('whsec_other', hit.headers['cascade-signature'], hit.body)).toBe(false);
    const t0 = Number(/t=(\d+)/.exec(String(hit.headers['cascade-signature']))![1]);
    expect(Math.abs(t0 - Date.now() / 1000)).toBeLessThan(60);
    const subscription = await api().get(`/api/subscriptions/${subscriptionId}`).expect(200);
    expect(hit.json).toEqual({ id: expect.stringMatching(/^evt_/), type: 'subscription.renewed', created: expect.any(String), data: subscription.body });
    expect(hit.json.data).toMatchObject({ end_date: '2026-12-31', renewed: true });

    const log = await api().get('/api/webhook_deliveries').query(listQuery({ filter: { status: 'delivered' } })).expect(200);
    expect(log.body).toEqual([
      expect.objectContaining({ event_id: hit.json.id, type: 'subscription.renewed', status: 'delivered', attempts: 1, last_status_code: 200, next_attempt_at: null }),
    ]);
  });

  it('a receiver answering 500 gets the same event again later; after a 2xx it is never sent again', async () => {
    const subscriptionId = await nordSubscription();
    await register();
    receiver.answer(500);
    await api().post(`/api/subscriptions/${subscriptionId}/renew`).send({ years: 1 }).expect(201);
    const w = worker();
    await w.runOnce();
    expect(receiver.received).toHaveLength(1);
    const [pending] = await deliveries();
    expect(pending).toMatchObject({ status: 'pending', attempts: 1, last_status_code: 500, response_snippet: 'receiver down' });
    // Not before its time: base · 2^0.
    await w.runOnce();
    expect(receiver.received).toHaveLength(1);
    t.clock.advance(RETRY_BASE_MS + 10);
    await w.runOnce();
    expect(receiver.received).toHaveLength(2);
    expect((await deliveries())[0]).toMatchObject({ attempts: 2, status: 'pending' });
    // Then 2 · base: the backoff doubles.
    t.clock.advance(RETRY_BASE_MS + 10);
    await w.runOnce();
    expect(receiver.received).toHaveLength(2);
    receiver.answer(204);
    t.clock.advance(RETRY_BASE_MS);
    await w.runOnce();
    expect(receiver.received).toHaveLength(3);
    expect(new Set(receiver.received.map((r) => r.json.id)).size).toBe(1);
    expect((await deliveries())[0]).toMatchObject({ status: 'delivered', attempts: 3, last_status_code: 204 });
    for (let i = 0; i < 3; i++) {
      t.clock.advance(3_600_000);
      await w.runOnce();
    }
    expect(receiver.received).toHaveLength(3);
  });

  it('two workers on one database send a due delivery once', async () => {
    const subscriptionId = await nordSubscription();
    await register();
    await api().post(`/api/subscriptions/${subscriptionId}/renew`).send({ years: 1 }).expect(201);
    const sent = await Promise.all([worker().runOnce(), worker().runOnce(), worker().runOnce()]);
    expect(sent.reduce((a, b) => a + b, 0)).toBe(1);
    expect(receiver.received).toHaveLength(1);
  });

  it('after 3 days of failures the delivery fails and the endpoint is failing; "Renvoyer" sends it again and a success clears it', async () => {
    const subscriptionId = await nordSubscription();
    const { id: webhookId } = await register();
    receiver.answer(503);
    await api().post(`/api/subscriptions/${subscriptionId}/renew`).send({ years: 1 }).expect(201);
    const w = worker();
    await w.runOnce();
    t.clock.advance(3 * 86_400_000);
    await w.runOnce();
    const [failed] = await deliveries();
    expect(failed).toMatchObject({ status: 'failed', attempts: 2, next_attempt_at: null });
    // Three days on, the first session has expired: a fresh one.
    const admin = await loginOf({ email: 'later@cascade.test', role: 'admin' });
    expect((await admin.get(`/api/webhooks/${webhookId}`).expect(200)).body.failing_since).toEqual(expect.any(String));

    receiver.answer(200);
    const retried = await admin.post(`/api/webhook_deliveries/${failed.id}/retry`).expect(200);
    expect(retried.body).toMatchObject({ id: failed.id, status: 'pending', next_attempt_at: null });
    await w.runOnce();
    expect(receiver.received).toHaveLength(3);
    expect((await deliveries())[0]).toMatchObject({ status: 'delivered', attempts: 3 });
    expect((await admin.get(`/api/webhooks/${webhookId}`).expect(200)).body.failing_since).toBeNull();
  });

  it('a refused renewal (short pool) records no event', async () => {
    const subscriptionId = await nordSubscription();
    await register();
    await api().post(`/api/subscriptions/${subscriptionId}/renew`).send({ years: 10, seats: 500 }).expect(409);
    expect(await t.db.selectFrom('webhook_events').selectAll().execute()).toEqual([]);
    expect(await deliveries()).toEqual([]);
  });

  it('an inactive endpoint gets nothing; only the chosen event types are delivered', async () => {
    const subscriptionId = await nordSubscription();
    const { id } = await register(['order.submitted']);
    await api().post(`/api/subscriptions/${subscriptionId}/renew`).send({ years: 1 }).expect(201);
    await api().put(`/api/webhooks/${id}`).send({ events: ['subscription.renewed'], active: false }).expect(200);
    await api().post(`/api/subscriptions/${subscriptionId}/renew`).send({ years: 1 }).expect(201);
    expect(await deliveries()).toEqual([]);
  });
});

describe('organisations', () => {
  it('an endpoint sees only its organisation’s events; the publisher’s sees all', async () => {
    const subscriptionId = await nordSubscription();
    const logins = {
      publisher: await loginOf({ email: 'staff@cascade.test', role: 'admin' }),
      alpha: await loginOf({ email: 'a@alpha.test', role: 'partner', partner_id: h.partners.alpha }),
      beta: await loginOf({ email: 'b@beta.test', role: 'partner', partner_id: h.partners.beta }),
      nord: await loginOf({ email: 'n@nord.test', role: 'reseller', partner_id: h.partners.alpha, reseller_id: h.resellers.alphaNord }),
      sud: await loginOf({ email: 's@sud.test', role: 'reseller', partner_id: h.partners.alpha, reseller_id: h.resellers.alphaSud }),
    };
    const ids: Record<string, number> = {};
    for (const [name, login] of Object.entries(logins)) {
      const res = await login.post('/api/webhooks', { url: `${receiver.url}/${name}`, events: ['subscription.renewed'] });
      expect(res.status, JSON.stringify(res.body)).toBe(201);
      ids[name] = res.body.id;
    }
    await api().post(`/api/subscriptions/${subscriptionId}/renew`).send({ years: 1 }).expect(201);
    await worker().runOnce();
    expect(receiver.received).toHaveLength(3);
    const paths = (await deliveries()).map((d) => Object.keys(ids).find((k) => ids[k] === d.webhook_id)).sort();
    expect(paths).toEqual(['alpha', 'nord', 'publisher']);

    // Each organisation reads and manages only its own endpoints and deliveries.
    const alphaList = await logins.alpha.get('/api/webhooks').expect(200);
    expect(alphaList.body.map((w: { id: number }) => w.id)).toEqual([ids.alpha]);
    await logins.alpha.get(`/api/webhooks/${ids.nord}`).expect(404);
    await logins.beta.put(`/api/webhooks/${ids.alpha}`, { active: false }).expect(404);
    await logins.sud.delete(`/api/webhooks/${ids.nord}`).expect(404);
    const nordDeliveries = await logins.nord.get('/api/webhook_deliveries').expect(200);
    expect(nordDeliveries.body).toHaveLength(1);
    expect(nordDeliveries.body[0].webhook_id).toBe(ids.nord);
    await logins.beta.post(`/api/webhook_deliveries/${nordDeliveries.body[0].id}/retry`).expect(404);
    expect((await logins.beta.get('/api/webhook_deliveries').expect(200)).body).toEqual([]);
  });
});

describe('events of the daily jobs', () => {
  it('bulk and automatic renewals send subscription.renewed as a manual one does', async () => {
    const subscriptionId = await nordSubscription();
    const other = await addClient(t, { name: 'Leroy', reseller_id: h.resellers.alphaNord, subscriptions: [{ product_id: h.products.tbox, start_date: '2026-01-01', years: 1, seats: 2 }] });
    await register();
    const bulk = await api().post('/api/subscriptions/bulk-renew').send({ ids: [subscriptionId], years: 1 });
    expect(bulk.status, JSON.stringify(bulk.body)).toBe(200);
    await api().put(`/api/subscriptions/${other.subscriptionIds[0]}`).send({ auto_renew: true }).expect(200);
    t.clock.set('2026-12-20');
    expect((await runAutoRenewal(t.db, t.clock.today(), t.clock.now())).renewed).toBe(1);
    const events = await t.db.selectFrom('webhook_events').select(['type', 'data']).orderBy('created').execute();
    expect(events.map((e) => [e.type, JSON.parse(e.data).id])).toEqual([
      ['subscription.renewed', subscriptionId],
      ['subscription.renewed', other.subscriptionIds[0]],
    ]);
  });

  it('reminders, expiries and failed auto-renewals are recorded once however often the jobs run', async () => {
    await fundReseller(t, h.resellers.alphaNord, h.products.tbox, 5);
    // Ends in 5 days (a 7-day reminder), auto-renewal on but the pool is short; another ended 3 days ago.
    const expiring = await addClient(t, { name: 'Martin', reseller_id: h.resellers.alphaNord, subscriptions: [{ product_id: h.products.tbox, start_date: '2025-12-01', years: 1, seats: 4 }] });
    const expired = await addClient(t, { name: 'Durand', reseller_id: h.resellers.alphaNord, subscriptions: [{ product_id: h.products.tbox, start_date: '2025-11-23', years: 1, seats: 1 }] });
    await api().put(`/api/subscriptions/${expiring.subscriptionIds[0]}`).send({ auto_renew: true }).expect(200);
    await register(['subscription.expiring', 'subscription.expired', 'subscription.auto_renew_failed']);
    for (let run = 0; run < 2; run++) {
      await runAutoRenewal(t.db, TODAY, t.clock.now());
      await runReminders(t.db, TODAY, t.clock.now());
      await recordExpirations(t.db, TODAY, t.clock.now());
    }
    const events = await t.db.selectFrom('webhook_events').select(['type', 'data']).orderBy('type').execute();
    expect(events.map((e) => [e.type, JSON.parse(e.data).id])).toEqual([
      ['subscription.auto_renew_failed', expiring.subscriptionIds[0]],
      ['subscription.expired', expired.subscriptionIds[0]],
      ['subscription.expiring', expiring.subscriptionIds[0]],
    ]);
    expect(await deliveries()).toHaveLength(3);
  });
});

describe('order and invoice events', () => {
  it('an order placed and fulfilled sends order.submitted, invoice.issued and order.fulfilled, each record as GET answers it', async () => {
    const as = await billingParties(t, h);
    await api().post('/api/prices').send({ product_id: h.products.tbox, unit_price_cents: 4_005, valid_from: TODAY }).expect(201);
    await grantPartner(t, h.partners.alpha, h.products.tbox, 100);
    // Alpha's endpoint (the supplier) and Beta's (a stranger to the order).
    const alphaHook = await as('alpha').post('/api/webhooks', { url: `${receiver.url}/alpha`, events: ['order.submitted', 'order.fulfilled', 'invoice.issued'] });
    expect(alphaHook.status, JSON.stringify(alphaHook.body)).toBe(201);
    await as('beta').post('/api/webhooks', { url: `${receiver.url}/beta`, events: ['order.submitted', 'order.fulfilled', 'invoice.issued'] }).expect(201);

    const order = await as('nord').post('/api/orders', { lines: [{ product_id: h.products.tbox, quantity: 10 }] });
    expect(order.status, JSON.stringify(order.body)).toBe(201);
    await as('alpha').post(`/api/orders/${order.body.id}/fulfil`).expect(200);
    await worker().runOnce();

    const fulfilled = (await as('alpha').get(`/api/orders/${order.body.id}`).expect(200)).body;
    const invoice = (await as('alpha').get(`/api/invoices/${fulfilled.invoice_id}`).expect(200)).body;
    const byType = Object.fromEntries(receiver.received.map((r) => [r.json.type, r]));
    // Three events to Alpha, none to Beta.
    expect(receiver.received.map((r) => r.json.type).sort()).toEqual(['invoice.issued', 'order.fulfilled', 'order.submitted']);
    expect(receiver.received.every((r) => signatureVerifies(alphaHook.body.secret, r.headers['cascade-signature'], r.body))).toBe(true);
    expect(byType['order.submitted'].json.data).toEqual(order.body);
    expect(byType['order.fulfilled'].json.data).toEqual(fulfilled);
    expect(byType['invoice.issued'].json.data).toEqual(invoice);
  });
});
