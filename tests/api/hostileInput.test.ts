import type { AddressInfo } from 'node:net';
import { gzipSync } from 'node:zlib';
import request from 'supertest';
import { beforeEach, describe, expect, it } from 'vitest';
import { addClient, buildHierarchy, fundReseller, poolBalance } from '../helpers/fixtures.ts';
import { failWrites } from '../helpers/faults.ts';
import { sessionCookieFor, testApp } from '../helpers/testApp.ts';
import { TODAY, expectLedgerConsistent, type TestApp } from './scenario.ts';

/** What issue 10 found a hostile user (or a careless script) could do, each now refused cleanly. */

let t: TestApp;
let h: Awaited<ReturnType<typeof buildHierarchy>>;
const api = () => request(t.app);

beforeEach(async () => {
  t = await testApp(TODAY);
  h = await buildHierarchy(t);
  await fundReseller(t, h.resellers.alphaNord, h.products.tbox, 100);
});

const nordBalance = () => poolBalance(t, { resellerId: h.resellers.alphaNord }, h.products.tbox);
const resellerCookie = () => sessionCookieFor(t, { email: `nord-${Math.random()}@example.fr`, role: 'reseller', partner_id: h.partners.alpha, reseller_id: h.resellers.alphaNord });
const newClient = (start_date: unknown, years: unknown = 1) => ({
  name: 'Client Ancien',
  reseller_id: h.resellers.alphaNord,
  subscriptions: [{ product_id: h.products.tbox, start_date, years, seats: 1 }],
});

describe('dates at the edges of their range', () => {
  const years = ['0001', '0100', '0500', '0999', '1999', '3000', '9999', '10000'];

  it.each(years)('a start date in year %s is a 400 naming the field, answered at once, and the server still answers', async (year) => {
    const cookie = await resellerCookie();
    const started = performance.now();
    const res = await api().post('/api/clients').set('Cookie', cookie).send(newClient(`${year}-06-01`));
    // At once: a date loop or a hang would take seconds (the margin is for a loaded CI machine).
    expect(performance.now() - started).toBeLessThan(500);
    expect(res.status).toBe(400);
    expect(res.body.errors).toHaveProperty(['subscriptions.0.start_date']);
    expect((await api().get('/api/health')).status).toBe(200);
    expect(await nordBalance()).toBe(100);
  });

  it.each(['2026-02-30', '2026-13-01', '26-01-01', '2026-1-1', '+02026-01-01', ''])('the malformed date %j is a 400', async (date) => {
    const res = await api().post('/api/clients').send(newClient(date));
    expect(res.status).toBe(400);
    expect(res.body.errors).toHaveProperty(['subscriptions.0.start_date']);
  });

  it('the last accepted day works, and a term that would end after 2999-12-31 is refused on its years', async () => {
    const late = await api().post('/api/clients').send(newClient('2999-06-01', 1));
    expect(late.status).toBe(400);
    expect(late.body.code).toBe('date_out_of_range');
    expect(late.body.errors).toHaveProperty(['subscriptions.0.years']);

    const first = await api().post('/api/clients').send(newClient('2000-01-01', 2));
    expect(first.status, JSON.stringify(first.body)).toBe(201);
    expect(first.body.end_date).toBe('2001-12-31');
    expect(await nordBalance()).toBe(98);
  });

  it('a renewal or its quote that would end after 2999-12-31 is a 400 naming years, never a malformed date', async () => {
    const { subscriptionIds: [sub] } = await addClient(t, newClient('2998-01-01', 1) as never);
    const quote = await api().get(`/api/subscriptions/${sub}/renewal-quote`).query({ years: '2' });
    expect(quote.status).toBe(400);
    expect(quote.body.errors).toHaveProperty('years');
    const renew = await api().post(`/api/subscriptions/${sub}/renew`).send({ years: 2 });
    expect(renew.status).toBe(400);
    expect(renew.body.code).toBe('date_out_of_range');
    const lastYear = await api().get(`/api/subscriptions/${sub}/renewal-quote`).query({ years: '1' });
    expect(lastYear.body.end_date).toBe('2999-12-31');
  });

  it('list filters take dates in the same range only', async () => {
    for (const date of ['0500-01-01', '9999-12-31', '10000-01-01']) {
      const res = await api().get('/api/clients').query({ filter: JSON.stringify({ end_date: date }) });
      expect(res.status, date).toBe(400);
      expect(res.body.errors).toHaveProperty('end_date');
    }
    expect((await api().get('/api/clients').query({ filter: JSON.stringify({ end_date: '2999-12-31' }) })).status).toBe(200);
  });
});

describe('JSON bodies are strict: only query strings are converted from text', () => {
  let subscription: number;
  beforeEach(async () => {
    ({ subscriptionIds: [subscription] } = await addClient(t, newClient(TODAY, 1) as never));
  });

  it.each([true, [3], '3', 1.5, -1, null, { valueOf: 3 }])('renew with years %j is a 400 naming years, and nothing is charged', async (years) => {
    const before = await nordBalance();
    const res = await api().post(`/api/subscriptions/${subscription}/renew`).send({ years });
    expect(res.status).toBe(400);
    expect(res.body.errors).toHaveProperty('years');
    expect(await nordBalance()).toBe(before);
  });

  it('seats as a hexadecimal string is a 400, not 16 seats', async () => {
    const res = await api().post(`/api/subscriptions/${subscription}/seats`).send({ seats: '0x10' });
    expect(res.status).toBe(400);
    expect(res.body.errors).toHaveProperty('seats');
    expect((await api().get(`/api/subscriptions/${subscription}`)).body.seats).toBe(1);
  });

  it('an id wrapped in an array is a 400 (reseller_id, bulk ids)', async () => {
    const client = await api().post('/api/clients').send({ ...newClient(TODAY), reseller_id: [h.resellers.alphaNord] });
    expect(client.status).toBe(400);
    expect(client.body.errors).toHaveProperty('reseller_id');
    const bulk = await api().post('/api/subscriptions/bulk-renew').send({ ids: [[subscription]], years: 1 });
    expect(bulk.status).toBe(400);
    expect(bulk.body.errors).toHaveProperty(['ids.0']);
  });

  it('query strings still take decimal text, and only that', async () => {
    expect((await api().get(`/api/subscriptions/${subscription}/renewal-quote`).query({ years: '2' })).body.cost).toBe(2);
    for (const years of ['0x10', '1e1', ' 2', '2.0', 'true']) {
      const res = await api().get(`/api/subscriptions/${subscription}/renewal-quote`).query({ years });
      expect(res.status, years).toBe(400);
      expect(res.body.errors).toHaveProperty('years');
    }
  });

  it.each(['Atelier\u0000Dupont', 'Atelier\u0007', 'Atelier \ud800', 'Deux\nlignes'])('a name with control characters or a lone surrogate (%j) is a 400', async (name) => {
    const res = await api().post('/api/clients').send({ ...newClient(TODAY), name });
    expect(res.status).toBe(400);
    expect(res.body.errors).toHaveProperty('name');
  });

  it('a "__proto__" key changes nothing and is no 500', async () => {
    const res = await api().put(`/api/subscriptions/${subscription}`).set('Content-Type', 'application/json').send('{"__proto__":{"auto_renew":true},"auto_renew":"yes"}');
    expect(res.status).toBe(400);
    expect((await api().get(`/api/subscriptions/${subscription}`)).body.auto_renew).toBe(false);
  });
});

describe('bodies the parser cannot read are refused with a 4xx', () => {
  const post = () => api().post('/api/clients');

  it('gzip announced but not sent: 400', async () => {
    const res = await post().set('Content-Type', 'application/json').set('Content-Encoding', 'gzip').send('{"name":"x"}');
    expect(res.status).toBe(400);
    expect(res.body.code).toBe('unreadable_body');
  });

  it('a real gzip body is read', async () => {
    // supertest re-encodes Buffers sent as JSON: the raw bytes go through fetch.
    const server = t.app.listen(0);
    const { port } = server.address() as AddressInfo;
    try {
      const res = await fetch(`http://127.0.0.1:${port}/api/clients`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', 'Content-Encoding': 'gzip' },
        body: gzipSync(JSON.stringify(newClient(TODAY))),
      });
      expect(res.status, await res.clone().text()).toBe(201);
      expect((await res.json()).name).toBe('Client Ancien');
    } finally {
      server.close();
    }
  });

  it('an unknown encoding or charset: 415', async () => {
    const encoding = await post().set('Content-Type', 'application/json').set('Content-Encoding', 'x-compress-9').send('{}');
    expect(encoding.status).toBe(415);
    expect(encoding.body.code).toBe('unsupported_encoding');
    const charset = await post().set('Content-Type', 'application/json; charset=iso-8859-1').send('{"name":"Caf\xe9"}');
    expect(charset.status).toBe(415);
    expect(charset.body.code).toBe('unsupported_charset');
  });

  it('broken JSON: 400; more than 100 kB: 413', async () => {
    const broken = await post().set('Content-Type', 'application/json').send('{"name": ');
    expect(broken.status).toBe(400);
    const huge = await post().set('Content-Type', 'application/json').send(JSON.stringify({ name: 'x'.repeat(200_000) }));
    expect(huge.status).toBe(413);
    expect(huge.body.code).toBe('body_too_large');
  });
});

describe('bulk renewal under one Idempotency-Key', () => {
  let ids: number[];
  beforeEach(async () => {
    ids = [];
    for (const name of ['Un', 'Deux', 'Trois']) ids.push((await addClient(t, { ...newClient(TODAY, 1), name } as never)).subscriptionIds[0]);
  });
  const bulk = (key: string) => api().post('/api/subscriptions/bulk-renew').set('Idempotency-Key', key).send({ ids, years: 2 });
  const termCount = async (id: number) => Number((await t.db.selectFrom('terms').select((eb) => eb.fn.countAll().as('n')).where('subscription_id', '=', id).executeTakeFirstOrThrow()).n);

  it('an unexpected error on the second line fails that line only; three retries renew nothing again', async () => {
    const restore = await failWrites(t, { table: 'terms', when: `NEW.subscription_id = ${ids[1]}`, message: 'disk I/O error (simulated)' });
    const before = await nordBalance();
    const first = await bulk('bulk-1');
    expect(first.status).toBe(200);
    expect(first.body.results.map((r: { status: number }) => r.status)).toEqual([201, 500, 201]);
    expect(JSON.stringify(first.body)).not.toContain('disk I/O');
    expect(await nordBalance()).toBe(before - 4);

    await restore();
    for (let i = 0; i < 3; i++) expect((await bulk('bulk-1')).body).toEqual(first.body);
    expect(await nordBalance()).toBe(before - 4);
    expect([await termCount(ids[0]), await termCount(ids[1]), await termCount(ids[2])]).toEqual([2, 1, 2]);
    await expectLedgerConsistent(t);
  });

  it('a run that dies midway keeps its committed lines: the retry resumes after them', async () => {
    // The second line's result cannot be recorded: the run stops there, as if the process died.
    const restore = await failWrites(t, {
      table: 'idempotency_keys',
      on: 'UPDATE OF body',
      when: { sqlite: 'json_array_length(NEW.body) >= 2', postgres: 'json_array_length(NEW.body::json) >= 2' },
      message: 'process killed (simulated)',
    });
    const before = await nordBalance();
    expect((await bulk('bulk-2')).status).toBe(500);
    expect(await nordBalance()).toBe(before - 2);

    await restore();
    const retry = await bulk('bulk-2');
    expect(retry.status).toBe(200);
    expect(retry.body.results.map((r: { id: number; status: number }) => [r.id, r.status])).toEqual(ids.map((id) => [id, 201]));
    expect(await nordBalance()).toBe(before - 6);
    expect([await termCount(ids[0]), await termCount(ids[1]), await termCount(ids[2])]).toEqual([2, 2, 2]);
  });

  it('a claim left by a crashed process answers 409 until it expires, then the retry resumes', async () => {
    await bulk('bulk-3');
    const admin = await t.db.selectFrom('users').select('id').where('email', '=', 'admin@cascade.test').executeTakeFirstOrThrow();
    const row = await t.db.selectFrom('idempotency_keys').selectAll().where('key', '=', 'bulk-3').executeTakeFirstOrThrow();
    const stored = JSON.parse(row.body) as { results: { id: number }[] };
    // Rewind to the state of a process killed after the first line: in progress, one line recorded.
    const crashedAt = (secondsAgo: number) => new Date(Date.parse(t.clock.now()) - secondsAgo * 1000).toISOString();
    const sub = ids[1];
    await t.db
      .updateTable('idempotency_keys')
      .set({ status: 0, body: JSON.stringify(stored.results.slice(0, 1)), claim: 'dead-process', touched_at: crashedAt(5) })
      .where('login_id', '=', admin.id)
      .where('key', '=', 'bulk-3')
      .execute();
    const before = await termCount(sub);

    const busy = await bulk('bulk-3');
    expect(busy.status).toBe(409);
    expect(busy.body.code).toBe('idempotency_in_progress');

    await t.db.updateTable('idempotency_keys').set({ touched_at: crashedAt(120) }).where('key', '=', 'bulk-3').execute();
    const resumed = await bulk('bulk-3');
    expect(resumed.status).toBe(200);
    // The first line is replayed, not renewed again; the others are renewed (once more, as the rewind undid their records).
    expect(await termCount(ids[0])).toBe(2);
    expect(await termCount(sub)).toBe(before + 1);
  });
});

describe('idempotency keys belong to the login, not to its e-mail', () => {
  it('a new login reusing a renamed login\'s e-mail does not get the other\'s stored answer', async () => {
    const { subscriptionIds: [sub] } = await addClient(t, newClient(TODAY, 1) as never);
    const login = { email: 'marie@example.fr', role: 'reseller' as const, partner_id: h.partners.alpha, reseller_id: h.resellers.alphaNord };
    const marie = await sessionCookieFor(t, login);
    const first = await api().post(`/api/subscriptions/${sub}/renew`).set('Cookie', marie).set('Idempotency-Key', 'k1').send({ years: 1 });
    expect(first.status).toBe(201);
    await t.db.updateTable('users').set({ email: 'marie.old@example.fr' }).where('email', '=', 'marie@example.fr').execute();

    const newcomer = await sessionCookieFor(t, login);
    const second = await api().post(`/api/subscriptions/${sub}/renew`).set('Cookie', newcomer).set('Idempotency-Key', 'k1').send({ years: 1 });
    expect(second.status).toBe(201);
    expect(second.body.remaining_after).toBe(first.body.remaining_after - 1);
  });
});

describe('answers and writes an operator would check', () => {
  it('API answers, errors included, are never stored by a browser or a proxy', async () => {
    expect((await api().get('/api/clients')).headers['cache-control']).toBe('no-store');
    expect((await api().get('/api/clients/999')).headers['cache-control']).toBe('no-store');
  });

  it('an empty or unchanged PUT writes no change-log row', async () => {
    const { id } = await addClient(t, newClient(TODAY, 1) as never);
    const changes = async () => Number((await t.db.selectFrom('changes').select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow()).n);
    const before = await changes();
    expect((await api().put(`/api/clients/${id}`).send({})).status).toBe(200);
    expect((await api().put(`/api/clients/${id}`).send({ name: 'Client Ancien' })).status).toBe(200);
    expect(await changes()).toBe(before);
    expect((await api().put(`/api/clients/${id}`).send({ name: 'Client Nouveau' })).status).toBe(200);
    expect(await changes()).toBe(before + 1);
  });

  it('a reseller cannot learn whether an e-mail exists in another organisation', async () => {
    await sessionCookieFor(t, { email: 'taken@beta.fr', role: 'reseller', partner_id: h.partners.beta, reseller_id: h.resellers.betaEst });
    await sessionCookieFor(t, { email: 'taken@nord.fr', role: 'reseller', partner_id: h.partners.alpha, reseller_id: h.resellers.alphaNord });
    const create = async (email: string) =>
      api().post('/api/users').set('Cookie', await resellerCookie()).send({ email, name: 'Nouveau', role: 'reseller', reseller_id: h.resellers.alphaNord, password: 'un mot de passe long' });
    const elsewhere = await create('taken@beta.fr');
    const here = await create('taken@nord.fr');
    expect(elsewhere.status).toBe(409);
    const { request_id: _a, ...elsewhereAnswer } = elsewhere.body;
    const { request_id: _b, ...hereAnswer } = here.body;
    expect(elsewhereAnswer).toEqual(hereAnswer);
    expect(elsewhere.body.code).toBe('email_unavailable');
  });
});
