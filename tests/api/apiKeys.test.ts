import express from 'express';
import pino from 'pino';
import request from 'supertest';
import { beforeEach, describe, expect, it } from 'vitest';
import { createApp } from '../../server/src/app.ts';
import { poolBalance } from '../helpers/fixtures.ts';
import { sessionCookieFor, testApp } from '../helpers/testApp.ts';
import { TODAY, statusScenario, type Scenario, type TestApp } from './scenario.ts';

/**
 * API keys (DESIGN §7): a key acts as its organisation, with exactly a login's scope; read keys
 * only read; revoked and expired keys are refused at once; a per-key rate limit; every use is in
 * the access log; no session cookie is ever set.
 */

let t: TestApp;
let s: Scenario;
let resellerCookie: string;
let partnerCookie: string;

/** Creates a key through the API with a login's cookie; returns the answer's body (with `secret`). */
async function createKey(cookie: string, input: Record<string, unknown>) {
  const res = await request(t.server).post('/api/api_keys').set('Cookie', cookie).send(input);
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  return res.body as { id: number; secret: string; prefix: string; scope: string };
}

const bearer = (secret: string) => ({ Authorization: `Bearer ${secret}` });

beforeEach(async () => {
  t = await testApp(TODAY);
  s = await statusScenario(t);
  resellerCookie = await sessionCookieFor(t, { email: 'reseller@alpha-nord.test', role: 'reseller', partner_id: s.partners.alpha, reseller_id: s.resellers.alphaNord });
  partnerCookie = await sessionCookieFor(t, { email: 'partner@alpha.test', role: 'partner', partner_id: s.partners.alpha });
});

describe('managing keys', () => {
  it('shows the secret once, stores only its hash, and lists the key with its prefix but never the secret', async () => {
    const key = await createKey(resellerCookie, { name: 'CRM', scope: 'write', expires_at: '2027-06-30T23:59:59Z' });
    expect(key.secret).toMatch(/^csk_[A-Za-z0-9_-]{40,}$/);
    expect(key.prefix).toBe(key.secret.slice(0, 12));
    expect(key).toMatchObject({ name: 'CRM', scope: 'write', expires_at: '2027-06-30T23:59:59.000Z', revoked_at: null, last_used_at: null, reseller_id: s.resellers.alphaNord });
    const stored = await t.db.selectFrom('api_keys').selectAll().where('id', '=', key.id).executeTakeFirstOrThrow();
    expect(JSON.stringify(stored)).not.toContain(key.secret);

    const one = await request(t.server).get(`/api/api_keys/${key.id}`).set('Cookie', resellerCookie);
    expect(one.status).toBe(200);
    expect(one.body).not.toHaveProperty('secret');
    expect(one.body).not.toHaveProperty('secret_hash');
    const list = await request(t.server).get('/api/api_keys').set('Cookie', resellerCookie);
    expect(list.body.map((k: { name: string }) => k.name)).toEqual(['CRM']);
    expect(JSON.stringify(list.body)).not.toContain(key.secret);
    // Another organisation does not see it, not even its partner.
    expect((await request(t.server).get('/api/api_keys').set('Cookie', partnerCookie)).body).toEqual([]);
    expect((await request(t.server).get(`/api/api_keys/${key.id}`).set('Cookie', partnerCookie)).status).toBe(404);
    expect((await request(t.server).delete(`/api/api_keys/${key.id}`).set('Cookie', partnerCookie)).status).toBe(404);
  });

  it('gives usage keys to the publisher only, and refuses bad input with a 400 naming the field', async () => {
    const refused = await request(t.server).post('/api/api_keys').set('Cookie', partnerCookie).send({ name: 'Compteur', scope: 'usage' });
    expect(refused.status).toBe(403);
    expect(refused.body.code).toBe('usage_key_publisher_only');
    expect((await request(t.app).post('/api/api_keys').send({ name: 'Compteur', scope: 'usage' })).status).toBe(201);
    const bad = await request(t.app).post('/api/api_keys').send({ name: 'X', scope: 'admin', expires_at: '2027-01-01' });
    expect(bad.status).toBe(400);
    expect(Object.keys(bad.body.errors).sort()).toEqual(['expires_at', 'scope']);
    const past = await request(t.app).post('/api/api_keys').send({ name: 'X', scope: 'read', expires_at: '2020-01-01T00:00:00Z' });
    expect(past.status).toBe(400);
    expect(past.body.code).toBe('expiry_in_past');
  });

  it('keys cannot manage keys, nor use /api/auth', async () => {
    const key = await createKey(resellerCookie, { name: 'CRM', scope: 'write' });
    const minted = await request(t.server).post('/api/api_keys').set(bearer(key.secret)).send({ name: 'Other', scope: 'write' });
    expect(minted.status).toBe(403);
    expect(minted.body.code).toBe('login_required');
    const me = await request(t.server).get('/api/auth/me').set(bearer(key.secret));
    expect(me.status).toBe(401);
    expect(me.body.code).toBe('api_key_not_accepted');
  });
});

describe('acting with a key', () => {
  it('a reseller key reads its own clients (200) and not another reseller’s (404), and renews with a write key', async () => {
    const key = await createKey(resellerCookie, { name: 'CRM', scope: 'write' });
    const own = await request(t.server).get(`/api/clients/${s.clients.atelier}`).set(bearer(key.secret));
    expect(own.status).toBe(200);
    expect((await request(t.server).get(`/api/clients/${s.clients.cabinet}`).set(bearer(key.secret))).status).toBe(404);
    const list = await request(t.server).get('/api/clients').set(bearer(key.secret));
    expect(list.body.map((c: { name: string }) => c.name).sort()).toEqual(['Atelier Dupont', 'Boulangerie Martin', 'Fromagerie Petit']);

    const before = await poolBalance(t, { resellerId: s.resellers.alphaNord }, s.products.tbox);
    const renewed = await request(t.server)
      .post(`/api/subscriptions/${s.subs.atelierTbox}/renew`)
      .set(bearer(key.secret))
      .set('Idempotency-Key', 'crm-1')
      .send({ years: 1, seats: 2 });
    expect(renewed.status, JSON.stringify(renewed.body)).toBe(201);
    expect(renewed.headers['set-cookie']).toBeUndefined();
    // Idempotent per key: the same key and body answer the first result and move nothing more.
    const again = await request(t.server)
      .post(`/api/subscriptions/${s.subs.atelierTbox}/renew`)
      .set(bearer(key.secret))
      .set('Idempotency-Key', 'crm-1')
      .send({ years: 1, seats: 2 });
    expect(again.status).toBe(201);
    expect(again.body).toEqual(renewed.body);
    expect(await poolBalance(t, { resellerId: s.resellers.alphaNord }, s.products.tbox)).toBe(before - 2);
    // The ledger and the change trail name the key.
    const movement = await t.db.selectFrom('movements').select('actor').orderBy('id', 'desc').executeTakeFirstOrThrow();
    expect(movement.actor).toBe('Clé API « CRM »');
    // Another reseller's subscription is unknown to it.
    expect((await request(t.server).post(`/api/subscriptions/${s.subs.cabinet}/renew`).set(bearer(key.secret)).send({ years: 1 })).status).toBe(404);
  });

  it('a read key gets 403 on any write and nothing changes; only usage keys post usage', async () => {
    const key = await createKey(resellerCookie, { name: 'Lecture', scope: 'read' });
    expect((await request(t.server).get('/api/subscriptions').set(bearer(key.secret))).status).toBe(200);
    const before = await poolBalance(t, { resellerId: s.resellers.alphaNord }, s.products.tbox);
    const write = await request(t.server).post(`/api/subscriptions/${s.subs.atelierTbox}/renew`).set(bearer(key.secret)).send({ years: 1 });
    expect(write.status).toBe(403);
    expect(write.body.code).toBe('read_only_key');
    const put = await request(t.server).put(`/api/subscriptions/${s.subs.atelierTbox}`).set(bearer(key.secret)).send({ auto_renew: true });
    expect(put.status).toBe(403);
    expect(await poolBalance(t, { resellerId: s.resellers.alphaNord }, s.products.tbox)).toBe(before);
    const sub = await t.db.selectFrom('subscriptions').select('auto_renew').where('id', '=', s.subs.atelierTbox).executeTakeFirstOrThrow();
    expect(sub.auto_renew).toBe(0);

    const write2 = await createKey(resellerCookie, { name: 'Écriture', scope: 'write' });
    const usage = await request(t.server).post('/api/usage').set(bearer(write2.secret)).send({ reports: [] });
    expect(usage.status).toBe(403);
    expect(usage.body.code).toBe('usage_key_required');
  });

  it('a revoked key is refused at once (401), and revoking again answers 200', async () => {
    const key = await createKey(resellerCookie, { name: 'CRM', scope: 'write' });
    expect((await request(t.server).get('/api/clients').set(bearer(key.secret))).status).toBe(200);
    const revoked = await request(t.server).delete(`/api/api_keys/${key.id}`).set('Cookie', resellerCookie);
    expect(revoked.status).toBe(200);
    expect(revoked.body.revoked_at).not.toBeNull();
    const refused = await request(t.server).get('/api/clients').set(bearer(key.secret));
    expect(refused.status).toBe(401);
    expect(refused.body.code).toBe('invalid_api_key');
    expect((await request(t.server).delete(`/api/api_keys/${key.id}`).set('Cookie', resellerCookie)).status).toBe(200);
    expect((await request(t.server).get('/api/clients').set(bearer('csk_unknown'))).status).toBe(401);
  });

  it('an expired key is refused (401)', async () => {
    const key = await createKey(resellerCookie, { name: 'CRM', scope: 'read', expires_at: '2026-12-01T00:00:00Z' });
    expect((await request(t.server).get('/api/clients').set(bearer(key.secret))).status).toBe(200);
    t.clock.set('2026-12-02');
    expect((await request(t.server).get('/api/clients').set(bearer(key.secret))).status).toBe(401);
  });

  it('sets no cookie, skips the same-origin check, records each use in the access log and its last use', async () => {
    const key = await createKey(partnerCookie, { name: 'Facturation', scope: 'write' });
    const res = await request(t.server)
      .put(`/api/subscriptions/${s.subs.atelierTbox}`)
      .set(bearer(key.secret))
      .set('Origin', 'https://elsewhere.example')
      .send({ auto_renew: true });
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect(res.headers['set-cookie']).toBeUndefined();
    const log = await request(t.server).get('/api/access_log').query({ filter: JSON.stringify({ event: 'api_key_used' }) }).set('Cookie', partnerCookie);
    expect(log.status).toBe(200);
    expect(log.body).toHaveLength(1);
    expect(log.body[0]).toMatchObject({ email: 'Clé API « Facturation »', api_key_id: key.id, partner_id: s.partners.alpha, reason: `PUT /api/subscriptions/${s.subs.atelierTbox}` });
    const listed = await request(t.server).get(`/api/api_keys/${key.id}`).set('Cookie', partnerCookie);
    expect(listed.body.last_used_at).not.toBeNull();
    const change = await t.db.selectFrom('changes').select('actor').where('resource', '=', 'subscriptions').orderBy('id', 'desc').executeTakeFirstOrThrow();
    expect(change.actor).toBe('Clé API « Facturation »');
  });

  it('answers 429 with Retry-After past the per-key limit', async () => {
    const limited = createApp({ db: t.db, clock: t.clock, logger: pino({ level: 'silent' }), apiKeyRateLimit: 3 });
    const app = express().use(limited);
    const key = await createKey(resellerCookie, { name: 'CRM', scope: 'read' });
    const other = await createKey(resellerCookie, { name: 'Autre', scope: 'read' });
    for (let i = 0; i < 3; i++) expect((await request(app).get('/api/products').set(bearer(key.secret))).status).toBe(200);
    const refused = await request(app).get('/api/products').set(bearer(key.secret));
    expect(refused.status).toBe(429);
    expect(refused.body.code).toBe('rate_limited');
    expect(Number(refused.headers['retry-after'])).toBeGreaterThan(0);
    // Per key: another key of the same organisation is not limited by it; logins are not limited at all.
    expect((await request(app).get('/api/products').set(bearer(other.secret))).status).toBe(200);
    for (let i = 0; i < 4; i++) expect((await request(app).get('/api/products').set('Cookie', resellerCookie)).status).toBe(200);
  });
});
