import type { AddressInfo } from 'node:net';
import request from 'supertest';
import { SMTPServer } from 'smtp-server';
import pino from 'pino';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { plusDays } from '../../server/src/domain/dates.ts';
import { runDailyJobs } from '../../server/src/jobs/daily.ts';
import { createMailer } from '../../server/src/mail.ts';
import { addClient, buildHierarchy, fundReseller, ledgerBalances, poolBalance } from '../helpers/fixtures.ts';
import { sessionCookieFor, testApp } from '../helpers/testApp.ts';

const TODAY = '2026-11-26';

async function setup() {
  const t = await testApp(TODAY);
  const h = await buildHierarchy(t);
  await fundReseller(t, h.resellers.alphaNord, h.products.tbox, 100);
  // Expiring: ends 2027-01-14, 2 seats.
  const client = await addClient(t, {
    name: 'Atelier Dupont',
    reseller_id: h.resellers.alphaNord,
    subscriptions: [{ product_id: h.products.tbox, start_date: '2026-01-15', years: 1, seats: 2 }],
  });
  return { t, h, client, sub: client.subscriptionIds[0], api: () => request(t.app) };
}

const pool = (s: Awaited<ReturnType<typeof setup>>) => poolBalance(s.t, { resellerId: s.h.resellers.alphaNord }, s.h.products.tbox);
const expectLedger = async (s: Awaited<ReturnType<typeof setup>>) => {
  for (const p of await ledgerBalances(s.t)) expect(p.balance).toBe(p.ledger);
};

describe('undo a renewal', () => {
  it('within 7 days: the licenses return by a ledger row and the term disappears', async () => {
    const s = await setup();
    const before = await pool(s);
    const renewed = await s.api().post(`/api/subscriptions/${s.sub}/renew`).send({ years: 2, seats: 3 });
    expect(renewed.status).toBe(201);
    expect(renewed.body.status).toBe('renewed');
    expect(Date.parse(renewed.body.undo_until)).toBeGreaterThan(Date.parse(`${TODAY}T12:00:00Z`));
    expect(await pool(s)).toBe(before - 6);

    s.t.clock.set(plusDays(TODAY, 6));
    const undone = await s.api().post(`/api/subscriptions/${s.sub}/undo-renewal`);
    expect(undone.status).toBe(200);
    expect(undone.body).toMatchObject({ returned: 6, status: 'expiring', end_date: '2027-01-14', undo_until: null });
    expect(await pool(s)).toBe(before);
    const adjust = await s.t.db.selectFrom('movements').selectAll().where('kind', '=', 'adjust').executeTakeFirstOrThrow();
    expect(adjust).toMatchObject({ quantity: 6, from_pool_id: null, subscription_id: s.sub });
    const terms = await s.api().get('/api/terms').query({ filter: JSON.stringify({ subscription_id: s.sub }) });
    expect(terms.body).toHaveLength(1);
    await expectLedger(s);
  });

  it('after the window the API answers 409 and nothing changes', async () => {
    const s = await setup();
    await s.api().post(`/api/subscriptions/${s.sub}/renew`).send({ years: 1 });
    const balance = await pool(s);
    s.t.clock.set(plusDays(TODAY, 8));
    const late = await s.api().post(`/api/subscriptions/${s.sub}/undo-renewal`);
    expect(late.status).toBe(409);
    expect(late.body.code).toBe('undo_refused');
    expect(await pool(s)).toBe(balance);
  });

  it('a subscription never renewed has nothing to undo (409)', async () => {
    const s = await setup();
    expect((await s.api().post(`/api/subscriptions/${s.sub}/undo-renewal`)).status).toBe(409);
  });
});

describe('undo a client creation', () => {
  it('within 7 days: every license returns and the client leaves the lists', async () => {
    const s = await setup();
    expect(await pool(s)).toBe(98);
    const undone = await s.api().post(`/api/clients/${s.client.id}/undo`);
    expect(undone.status).toBe(200);
    expect(undone.body.returned).toBe(2);
    expect(await pool(s)).toBe(100);
    expect((await s.api().get(`/api/clients/${s.client.id}`)).status).toBe(404);
    expect((await s.api().get('/api/subscriptions')).body).toHaveLength(0);
    expect((await s.api().get('/api/dashboard')).body).toMatchObject({ clients_to_renew: 0, expiring: 0 });
    await expectLedger(s);
  });

  it('is refused once a subscription was renewed, or after 7 days', async () => {
    const s = await setup();
    await s.api().post(`/api/subscriptions/${s.sub}/renew`).send({ years: 1 });
    expect((await s.api().post(`/api/clients/${s.client.id}/undo`)).status).toBe(409);
    const other = await addClient(s.t, {
      name: 'Garage Morel',
      reseller_id: s.h.resellers.alphaNord,
      subscriptions: [{ product_id: s.h.products.tbox, start_date: TODAY, years: 1, seats: 1 }],
    });
    s.t.clock.set(plusDays(TODAY, 8));
    expect((await s.api().post(`/api/clients/${other.id}/undo`)).status).toBe(409);
  });
});

describe('cancellation ("Ne pas renouveler")', () => {
  it('takes the subscription off the to-renew list, grey; renewing it again clears the flag', async () => {
    const s = await setup();
    const cancelled = await s.api().put(`/api/subscriptions/${s.sub}`).send({ cancelled: true });
    expect(cancelled.body).toMatchObject({ status: 'cancelled', to_renew: false });
    const toRenew = await s.api().get('/api/subscriptions').query({ filter: JSON.stringify({ to_renew: true }) });
    expect(toRenew.body).toHaveLength(0);
    const renewed = await s.api().post(`/api/subscriptions/${s.sub}/renew`).send({ years: 1 });
    expect(renewed.body).toMatchObject({ cancelled: false, status: 'renewed' });
  });
});

describe('changes scheduled for the next renewal', () => {
  it('a manual renewal quotes and applies the scheduled seats by default; a mid-term seat change cancels them', async () => {
    const s = await setup();
    await s.api().put(`/api/subscriptions/${s.sub}`).send({ next_seats: 5 });
    const quote = await s.api().get(`/api/subscriptions/${s.sub}/renewal-quote`).query({ years: 1 });
    expect(quote.body).toMatchObject({ seats: 5, cost: 5 });
    await s.api().post(`/api/subscriptions/${s.sub}/seats`).send({ seats: 3 });
    const after = await s.api().get(`/api/subscriptions/${s.sub}`);
    expect(after.body).toMatchObject({ seats: 3, next_seats: null });
  });
});

describe('seat change during a term', () => {
  it('quotes the prorata before confirming, and a reduction refunds nothing', async () => {
    const s = await setup();
    // Term 2026-01-15 → 2027-01-14 (365 days), 50 days left counting today: +4 seats → ceil(4 × 50 / 365) = 1.
    const up = await s.api().get(`/api/subscriptions/${s.sub}/seats-quote`).query({ seats: 6 });
    expect(up.body).toMatchObject({ current_seats: 2, seats: 6, cost: 1, balance: 98, remaining_after: 97, refund: 0 });
    const down = await s.api().get(`/api/subscriptions/${s.sub}/seats-quote`).query({ seats: 1 });
    expect(down.body).toMatchObject({ cost: 0, refund: 0, remaining_after: 98 });
    const changed = await s.api().post(`/api/subscriptions/${s.sub}/seats`).send({ seats: 1 });
    expect(changed.body).toMatchObject({ seats: 1, cost: 0 });
    expect(await pool(s)).toBe(98);
  });
});

describe('bulk renewal from the to-renew list', () => {
  it('renews each subscription on its own: a short pool fails only its own, with the reason', async () => {
    const s = await setup();
    // A second client on a reseller whose pool holds 1 license: its renewal must fail.
    await fundReseller(s.t, s.h.resellers.alphaSud, s.h.products.tbox, 3);
    const poor = await addClient(s.t, {
      name: 'Librairie Petit',
      reseller_id: s.h.resellers.alphaSud,
      subscriptions: [{ product_id: s.h.products.tbox, start_date: '2026-01-20', years: 1, seats: 2 }],
    });
    const ids = [s.sub, poor.subscriptionIds[0]];
    const quote = await s.api().get('/api/subscriptions/bulk-renewal-quote').query({ ids: ids.join(','), years: 2 });
    expect(quote.status).toBe(200);
    expect(quote.body.pools.map((p: { balance: number; cost: number; remaining_after: number }) => [p.balance, p.cost, p.remaining_after])).toEqual([
      [98, 4, 94],
      [1, 4, -3],
    ]);
    const res = await s.api().post('/api/subscriptions/bulk-renew').send({ ids, years: 2 });
    expect(res.status).toBe(200);
    expect(res.body.results).toEqual([
      { id: s.sub, status: 201, client_name: 'Atelier Dupont', product_name: 'TBox', remaining_after: 94, end_date: '2029-01-14' },
      {
        id: poor.subscriptionIds[0],
        status: 409,
        client_name: 'Librairie Petit',
        product_name: 'TBox',
        code: 'insufficient_licenses',
        details: { needed: 4, balance: 1 },
        message: expect.stringMatching(/4 needed, 1 remaining/),
      },
    ]);
    expect(await pool(s)).toBe(94);
    await expectLedger(s);
  });

  it('with an Idempotency-Key, a repeated bulk renewal replays its results and renews nothing more', async () => {
    const s = await setup();
    const send = (body: object) => s.api().post('/api/subscriptions/bulk-renew').set('Idempotency-Key', 'bulk-1').send(body);
    const first = await send({ ids: [s.sub], years: 1 });
    expect(first.body.results).toEqual([{ id: s.sub, status: 201, client_name: 'Atelier Dupont', product_name: 'TBox', remaining_after: 96, end_date: '2028-01-14' }]);
    const again = await send({ ids: [s.sub], years: 1 });
    expect(again.status).toBe(200);
    expect(again.body).toEqual(first.body);
    expect(await pool(s)).toBe(96);
    const other = await send({ ids: [s.sub], years: 2 });
    expect(other.status).toBe(422);
    expect(await pool(s)).toBe(96);
  });

  it('reports subscriptions the caller cannot see as not found, and renews none of them', async () => {
    const s = await setup();
    const beta = await sessionCookieFor(s.t, { email: 'beta@example.fr', role: 'partner', partner_id: s.h.partners.beta });
    const res = await request(s.t.server).post('/api/subscriptions/bulk-renew').set('Cookie', beta).send({ ids: [s.sub], years: 1 });
    expect(res.body.results).toEqual([{ id: s.sub, status: 404, code: 'not_found', message: expect.any(String) }]);
    expect(await pool(s)).toBe(98);
  });

  it('400 for an empty selection or bad years', async () => {
    const s = await setup();
    expect((await s.api().post('/api/subscriptions/bulk-renew').send({ ids: [], years: 1 })).body.errors).toHaveProperty('ids');
    expect((await s.api().post('/api/subscriptions/bulk-renew').send({ ids: [s.sub], years: 0 })).body.errors).toHaveProperty('years');
  });
});

describe('reminders and notifications', () => {
  let smtp: SMTPServer;
  let port = 0;
  const received: { to: string; text: string }[] = [];
  beforeEach(async () => {
    received.length = 0;
    smtp = new SMTPServer({
      authOptional: true,
      disabledCommands: ['STARTTLS'],
      onData(stream, session, callback) {
        let text = '';
        stream.on('data', (chunk) => (text += chunk));
        stream.on('end', () => {
          received.push({ to: session.envelope.rcptTo.map((r) => r.address).join(','), text });
          callback();
        });
      },
    });
    await new Promise<void>((resolve) => smtp.listen(0, '127.0.0.1', resolve));
    port = (smtp.server.address() as AddressInfo).port;
  });
  afterEach(() => new Promise<void>((resolve) => smtp.close(() => resolve())));

  it('notifies the managing logins at 90, 30 and 7 days, once each, by bell and by e-mail', async () => {
    const s = await setup();
    const reseller = await sessionCookieFor(s.t, { email: 'nord@example.fr', role: 'reseller', partner_id: s.h.partners.alpha, reseller_id: s.h.resellers.alphaNord });
    await sessionCookieFor(s.t, { email: 'alpha@example.fr', role: 'partner', partner_id: s.h.partners.alpha });
    const stranger = await sessionCookieFor(s.t, { email: 'beta@example.fr', role: 'partner', partner_id: s.h.partners.beta });
    const mailer = createMailer(s.t.db, { smtpUrl: `smtp://127.0.0.1:${port}`, from: 'cascade@example.fr', logger: pino({ level: 'silent' }), now: s.t.clock.now });

    // The term ends 2027-01-14: 49 days left today, so the 90-day reminder is due.
    const first = await runDailyJobs(s.t.db, { today: TODAY, now: s.t.clock.now() }, mailer);
    expect(first).toMatchObject({ notifications: 2, emails: 2 });
    const again = await runDailyJobs(s.t.db, { today: TODAY, now: s.t.clock.now() }, mailer);
    expect(again).toMatchObject({ notifications: 0, emails: 0 });
    expect(received.map((m) => m.to).sort()).toEqual(['alpha@example.fr', 'nord@example.fr']);
    expect(received[0].text).toContain('Atelier Dupont');

    for (const [day, expected] of [['2026-12-15', 30], ['2027-01-07', 7]] as const) {
      s.t.clock.set(day);
      await runDailyJobs(s.t.db, { today: day, now: s.t.clock.now() }, mailer);
      const bell = await request(s.t.server).get('/api/notifications').set('Cookie', reseller).query({ sort: JSON.stringify(['id', 'DESC']) });
      expect(bell.body[0]).toMatchObject({ kind: 'reminder', days_before: expected, end_date: '2027-01-14', read: false, emailed: true });
    }
    expect(received).toHaveLength(6);

    const unread = await request(s.t.server).get('/api/notifications').set('Cookie', reseller).query({ filter: JSON.stringify({ read: false }) });
    expect(unread.headers['content-range']).toMatch(/\/3$/);
    await request(s.t.server).post(`/api/notifications/${unread.body[0].id}/read`).set('Cookie', reseller).set('Content-Type', 'application/json');
    const after = await request(s.t.server).get('/api/notifications').set('Cookie', reseller).query({ filter: JSON.stringify({ read: false }) });
    expect(after.headers['content-range']).toMatch(/\/2$/);
    expect((await request(s.t.server).get('/api/notifications').set('Cookie', stranger)).body).toHaveLength(0);
  });

  it('a failed auto-renewal notifies the managers and shows in the attempts history', async () => {
    const s = await setup();
    const reseller = await sessionCookieFor(s.t, { email: 'nord@example.fr', role: 'reseller', partner_id: s.h.partners.alpha, reseller_id: s.h.resellers.alphaNord });
    // Drain the pool, then turn auto-renewal on and move to 14 days before the end.
    await s.api().post('/api/allocations').send({ product_id: s.h.products.tbox, reseller_id: s.h.resellers.alphaNord, quantity: -98 });
    await s.api().put(`/api/subscriptions/${s.sub}`).send({ auto_renew: true });
    const day = '2026-12-31';
    s.t.clock.set(day);
    const summary = await runDailyJobs(s.t.db, { today: day, now: s.t.clock.now() }, null);
    expect(summary).toMatchObject({ failed: 1, renewed: 0 });
    const bell = await request(s.t.server).get('/api/notifications').set('Cookie', reseller).query({ filter: JSON.stringify({ kind: 'auto_renew_failed' }) });
    expect(bell.body).toHaveLength(1);
    expect(bell.body[0].message).toMatch(/licences insuffisantes \(2 nécessaires, 0 restantes\)/);
    const history = await request(s.t.server).get('/api/renewal_attempts').set('Cookie', reseller).query({ filter: JSON.stringify({ subscription_id: s.sub }) });
    expect(history.body).toEqual([expect.objectContaining({ run_date: day, outcome: 'failed' })]);
  });
});
