import { generate } from 'otplib';
import pino from 'pino';
import request from 'supertest';
import { beforeEach, describe, expect, it } from 'vitest';
import { createApp } from '../../server/src/app.ts';
import { addClient, buildHierarchy, fundReseller } from '../helpers/fixtures.ts';
import { TODAY, grantPartner, listQuery, type TestApp } from './scenario.ts';
import { testApp } from '../helpers/testApp.ts';
import { PASSWORD, count, createLogin, loggedIn, loginAgent, setCookies } from './security.ts';

/** Logins, sessions, rate limits, two-factor authentication, audit trails and HTTP hardening (issue 4). */

const MINUTE = 60_000;
/** Two refusals are told apart only by their request ids (which every error body carries). */
const sansRequestId = ({ request_id: _id, ...body }: Record<string, unknown>) => body;

let t: TestApp;
let h: Awaited<ReturnType<typeof buildHierarchy>>;

beforeEach(async () => {
  t = await testApp(TODAY);
  h = await buildHierarchy(t);
});

const partnerLogin = (email = 'paul@alpha.test') => createLogin(t, { email, name: 'Paul Alpha', role: 'partner', partner_id: h.partners.alpha });
const resellerLogin = (email = 'rita@alpha-nord.test') =>
  createLogin(t, { email, name: 'Rita Nord', role: 'reseller', reseller_id: h.resellers.alphaNord });

/** The session cookie ("name=value") a login response set. */
function sessionCookie(res: { headers: Record<string, unknown> }) {
  const cookie = setCookies(res).find((c) => c.startsWith('cascade_session='));
  expect(cookie, `no session cookie in ${JSON.stringify(setCookies(res))}`).toBeDefined();
  return cookie!.split(';')[0];
}
const withCookie = (cookie: string) => ({
  get: (url: string) => request(t.server).get(url).set('Cookie', cookie),
  post: (url: string) => request(t.server).post(url).set('Cookie', cookie),
});

describe('POST /api/auth/login', () => {
  it('the right password answers 200 with the me-shape and an httpOnly SameSite=Strict cookie (not Secure over HTTP)', async () => {
    const cases = [
      { email: 'paul@alpha.test', id: await partnerLogin(), role: 'partner', organisation: { type: 'partner', id: h.partners.alpha, name: 'Alpha' } },
      { email: 'rita@alpha-nord.test', id: await resellerLogin(), role: 'reseller', organisation: { type: 'reseller', id: h.resellers.alphaNord, name: 'Alpha Nord' } },
      { email: 'ada@cascade.test', id: await createLogin(t, { email: 'ada@cascade.test', role: 'admin' }), role: 'admin', organisation: { type: 'publisher', id: null, name: expect.any(String) } },
    ];
    for (const c of cases) {
      const { agent, res } = await loginAgent(t, { email: c.email });
      expect(res.status, JSON.stringify(res.body)).toBe(200);
      expect(res.body).toMatchObject({ id: c.id, email: c.email, name: expect.any(String), role: c.role, organisation: c.organisation });
      expect(Object.keys(res.body.organisation).sort()).toEqual(['id', 'name', 'type']);
      expect(JSON.stringify(res.body)).not.toMatch(/password|scrypt|secret/i);
      const cookie = setCookies(res).find((v) => v.startsWith('cascade_session='))!;
      expect(cookie).toMatch(/;\s*HttpOnly/i);
      expect(cookie).toMatch(/;\s*SameSite=Strict/i);
      expect(cookie).not.toMatch(/;\s*Secure/i);
      const me = await agent.get('/api/auth/me');
      expect(me.status).toBe(200);
      expect(me.body).toEqual(res.body);
    }
  });

  it('behind an HTTPS reverse proxy (trustProxy, X-Forwarded-Proto: https) the cookie is Secure', async () => {
    await partnerLogin();
    const proxied = createApp({ db: t.db, clock: t.clock, logger: pino({ level: 'silent' }), trustProxy: 'loopback' });
    const https = await request(proxied).post('/api/auth/login').set('X-Forwarded-Proto', 'https').send({ email: 'paul@alpha.test', password: PASSWORD });
    expect(https.status, JSON.stringify(https.body)).toBe(200);
    expect(setCookies(https).find((c) => c.startsWith('cascade_session='))).toMatch(/;\s*Secure/i);
    const http = await request(proxied).post('/api/auth/login').set('X-Forwarded-Proto', 'http').send({ email: 'paul@alpha.test', password: PASSWORD });
    expect(http.status).toBe(200);
    expect(setCookies(http).find((c) => c.startsWith('cascade_session='))).not.toMatch(/;\s*Secure/i);
  });

  it('wrong password, unknown email and inactive login answer the same 401 with an identical body, and set no cookie', async () => {
    await partnerLogin();
    await createLogin(t, { email: 'gone@alpha.test', role: 'partner', partner_id: h.partners.alpha, active: false });
    const wrong = (await loginAgent(t, { email: 'paul@alpha.test', password: 'not the password' })).res;
    const unknown = (await loginAgent(t, { email: 'nobody@alpha.test', password: 'not the password' })).res;
    const inactive = (await loginAgent(t, { email: 'gone@alpha.test' })).res;
    for (const res of [wrong, unknown, inactive]) {
      expect(res.status).toBe(401);
      expect(setCookies(res).filter((c) => /^cascade_session=[^;]/.test(c))).toEqual([]);
    }
    expect(typeof wrong.body.message).toBe('string');
    expect(sansRequestId(unknown.body)).toEqual(sansRequestId(wrong.body));
    expect(sansRequestId(inactive.body)).toEqual(sansRequestId(wrong.body));
    expect(unknown.headers['content-type']).toBe(wrong.headers['content-type']);
  });

  it('the email is case-insensitive; a missing password is a 400 naming the field', async () => {
    await partnerLogin();
    expect((await loginAgent(t, { email: 'Paul@Alpha.TEST' })).res.status).toBe(200);
    const res = await request(t.server).post('/api/auth/login').send({ email: 'paul@alpha.test' });
    expect(res.status).toBe(400);
    expect(res.body.errors).toHaveProperty('password');
  });

  it('passwords are stored as scrypt hashes and session tokens only as digests', async () => {
    await partnerLogin();
    const { res } = await loginAgent(t, { email: 'paul@alpha.test' });
    const user = await t.db.selectFrom('users').selectAll().where('email', '=', 'paul@alpha.test').executeTakeFirstOrThrow();
    expect(user.password_hash).toMatch(/^scrypt\$/);
    expect(user.password_hash).not.toContain(PASSWORD);
    const token = sessionCookie(res).split('=')[1];
    const sessions = await t.db.selectFrom('sessions').selectAll().where('user_id', '=', user.id).execute();
    expect(sessions).toHaveLength(1);
    expect(sessions[0].token_hash).not.toBe(token);
    const users = await request(t.app).get('/api/users').query(listQuery({ filter: { id: user.id } }));
    expect(users.body).toHaveLength(1);
    expect(JSON.stringify(users.body)).not.toMatch(/password|scrypt|totp_secret/);
    const changes = await t.db.selectFrom('changes').select('data').execute();
    expect(changes.length).toBeGreaterThan(0);
    for (const c of changes) expect(c.data ?? '').not.toMatch(new RegExp(`scrypt|${PASSWORD}`));
  });
});

describe('no session, no API', () => {
  const ROUTES: [string, string][] = [
    ...['products', 'partners', 'resellers', 'clients', 'subscriptions', 'terms', 'pools', 'movements', 'users', 'access_log', 'changes'].flatMap(
      (r): [string, string][] => [
        ['GET', `/api/${r}`],
        ['GET', `/api/${r}/1`],
        ['POST', `/api/${r}`],
        ['PUT', `/api/${r}/1`],
        ['DELETE', `/api/${r}/1`],
      ],
    ),
    ['GET', '/api/dashboard'],
    ['GET', '/api/subscriptions/1/renewal-quote?years=1'],
    ['POST', '/api/subscriptions/1/renew'],
    ['POST', '/api/subscriptions/1/seats'],
    ['POST', '/api/subscriptions/bulk-renew'],
    ['GET', '/api/subscriptions/bulk-renewal-quote?ids=1&years=1'],
    ['POST', '/api/subscriptions/1/undo-renewal'],
    ['POST', '/api/clients/1/undo'],
    ['GET', '/api/notifications'],
    ['GET', '/api/renewal_attempts'],
    ['POST', '/api/allocations'],
    ['POST', '/api/grants'],
    ['GET', '/api/auth/me'],
    ['POST', '/api/auth/logout'],
    ['POST', '/api/auth/password'],
    ['POST', '/api/auth/totp/setup'],
    ['POST', '/api/auth/totp/enable'],
    ['POST', '/api/auth/totp/disable'],
    ['GET', '/api/no-such-route'],
  ];

  it(`every /api route but login and health answers 401 without a cookie (${ROUTES.length} routes) and with a forged one`, async () => {
    const wrong: string[] = [];
    for (const [method, url] of ROUTES) {
      for (const cookie of [null, 'cascade_session=forged-token-value']) {
        let req = request(t.server)[method.toLowerCase() as 'get' | 'post' | 'put' | 'delete'](url);
        if (cookie) req = req.set('Cookie', cookie);
        const res = await req.send(method === 'GET' || method === 'DELETE' ? undefined : { name: 'x', quantity: 1, years: 1 });
        if (res.status !== 401 || typeof res.body.message !== 'string') wrong.push(`${method} ${url} ${cookie ? '(forged cookie)' : ''} → ${res.status}`);
      }
    }
    expect(wrong).toEqual([]);
    expect(await count(t, 'clients')).toBe(0);
  });

  it('health and login are public', async () => {
    const health = await request(t.server).get('/api/health');
    expect(health.status).toBe(200);
    expect(health.body).toMatchObject({ status: 'ok' });
    const login = await request(t.server).post('/api/auth/login').send({ email: 'x@y.fr', password: 'whatever-it-is' });
    expect(login.status).toBe(401);
    expect(login.body.code).toBe('invalid_credentials');
  });
});

describe('sessions', () => {
  it('logout ends the session on the server: the old cookie no longer works', async () => {
    await partnerLogin();
    const { agent, res } = await loginAgent(t, { email: 'paul@alpha.test' });
    const cookie = sessionCookie(res);
    expect((await withCookie(cookie).get('/api/clients')).status).toBe(200);
    const out = await agent.post('/api/auth/logout');
    expect(out.status).toBe(200);
    expect(setCookies(out).some((c) => /^cascade_session=;/.test(c) || /Expires=Thu, 01 Jan 1970/i.test(c))).toBe(true);
    expect((await agent.get('/api/auth/me')).status).toBe(401);
    const replayed = await withCookie(cookie).get('/api/clients');
    expect(replayed.status).toBe(401);
  });

  it('expires after 120 minutes without a request (401 session_expired); requests within the window keep it alive', async () => {
    await partnerLogin();
    const { agent: idle } = await loginAgent(t, { email: 'paul@alpha.test' });
    const { agent: busy } = await loginAgent(t, { email: 'paul@alpha.test' });
    t.clock.advance(100 * MINUTE);
    expect((await busy.get('/api/auth/me')).status).toBe(200);
    t.clock.advance(21 * MINUTE);
    const expired = await idle.get('/api/clients');
    expect(expired.status).toBe(401);
    expect(expired.body.code).toBe('session_expired');
    expect((await busy.get('/api/clients')).status).toBe(200);
    t.clock.advance(119 * MINUTE);
    expect((await busy.get('/api/clients')).status).toBe(200);
    t.clock.advance(121 * MINUTE);
    const late = await busy.get('/api/clients');
    expect(late.status).toBe(401);
    expect(late.body.code).toBe('session_expired');
  });

  it('ends 12 hours after the login however active it is', async () => {
    await partnerLogin();
    const { agent } = await loginAgent(t, { email: 'paul@alpha.test' });
    for (let i = 0; i < 6; i++) {
      t.clock.advance(110 * MINUTE);
      expect((await agent.get('/api/auth/me')).status, `after ${(i + 1) * 110} minutes`).toBe(200);
    }
    t.clock.advance(61 * MINUTE); // 12 h 1 min after the login
    const res = await agent.get('/api/auth/me');
    expect(res.status).toBe(401);
    expect(res.body.code).toBe('session_expired');
  });

  it('deactivating a login ends its sessions', async () => {
    const id = await partnerLogin();
    const agent = await loggedIn(t, 'paul@alpha.test');
    const res = await request(t.app).put(`/api/users/${id}`).send({ email: 'paul@alpha.test', name: 'Paul', role: 'partner', partner_id: h.partners.alpha, active: false });
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect((await agent.get('/api/auth/me')).status).toBe(401);
  });
});

describe('POST /api/auth/password', () => {
  it('a wrong current password is a 400 and changes nothing', async () => {
    await partnerLogin();
    const agent = await loggedIn(t, 'paul@alpha.test');
    const res = await agent.post('/api/auth/password').send({ current_password: 'not my password', new_password: 'a brand new password' });
    expect(res.status).toBe(400);
    expect(res.body.errors).toHaveProperty('current_password');
    expect((await loginAgent(t, { email: 'paul@alpha.test', password: 'a brand new password' })).res.status).toBe(401);
    expect((await loginAgent(t, { email: 'paul@alpha.test' })).res.status).toBe(200);
  });

  it('changes the password: the old one fails, the new one works, other sessions end, this one stays', async () => {
    await partnerLogin();
    const current = await loggedIn(t, 'paul@alpha.test');
    const other = await loggedIn(t, 'paul@alpha.test');
    const tooShort = await current.post('/api/auth/password').send({ current_password: PASSWORD, new_password: 'short' });
    expect(tooShort.status).toBe(400);
    const res = await current.post('/api/auth/password').send({ current_password: PASSWORD, new_password: 'a brand new password' });
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect((await current.get('/api/clients')).status).toBe(200);
    expect((await other.get('/api/clients')).status).toBe(401);
    expect((await loginAgent(t, { email: 'paul@alpha.test' })).res.status).toBe(401);
    expect((await loginAgent(t, { email: 'paul@alpha.test', password: 'a brand new password' })).res.status).toBe(200);
  });
});

describe('login rate limits', () => {
  it('per account: after 5 failures, 429 too_many_attempts even with the right password, for 15 minutes', async () => {
    await partnerLogin();
    await resellerLogin();
    for (let i = 0; i < 5; i++) {
      expect((await loginAgent(t, { email: 'paul@alpha.test', password: `wrong password ${i}` })).res.status).toBe(401);
    }
    const blocked = (await loginAgent(t, { email: 'paul@alpha.test' })).res;
    expect(blocked.status).toBe(429);
    expect(blocked.body.code).toBe('too_many_attempts');
    expect(blocked.body.message).toMatch(/too many/i);
    expect(blocked.body.message).toMatch(/15 minutes/);
    expect(setCookies(blocked).filter((c) => /^cascade_session=[^;]/.test(c))).toEqual([]);
    // Another account is not affected.
    expect((await loginAgent(t, { email: 'rita@alpha-nord.test' })).res.status).toBe(200);
    t.clock.advance(10 * MINUTE);
    expect((await loginAgent(t, { email: 'paul@alpha.test' })).res.status).toBe(429);
    t.clock.advance(5 * MINUTE);
    expect((await loginAgent(t, { email: 'paul@alpha.test' })).res.status).toBe(200);
  });

  it('per account: an unknown email is throttled exactly like a real one (no enumeration)', async () => {
    await partnerLogin();
    for (let i = 0; i < 5; i++) {
      await loginAgent(t, { email: 'paul@alpha.test', password: `wrong password ${i}` });
      await loginAgent(t, { email: 'ghost@alpha.test', password: `wrong password ${i}` });
    }
    const real = (await loginAgent(t, { email: 'paul@alpha.test', password: 'wrong again!' })).res;
    const ghost = (await loginAgent(t, { email: 'ghost@alpha.test', password: 'wrong again!' })).res;
    expect(real.status).toBe(429);
    expect(ghost.status).toBe(429);
    expect(sansRequestId(ghost.body)).toEqual(sansRequestId(real.body));
  });

  it('per IP: the 31st attempt within 15 minutes is refused with 429, whatever the account', async () => {
    await partnerLogin();
    for (let i = 1; i <= 30; i++) {
      // Rotating X-Forwarded-For does not help: without trust proxy the socket address counts.
      const res = (await loginAgent(t, { email: `visitor${i}@example.fr`, password: 'some password' }, { 'X-Forwarded-For': `203.0.113.${i}` })).res;
      expect(res.status, `attempt ${i}`).toBe(401);
    }
    const res = (await loginAgent(t, { email: 'paul@alpha.test' }, { 'X-Forwarded-For': '198.51.100.7' })).res;
    expect(res.status).toBe(429);
    expect(res.body.message).toMatch(/too many/i);
    expect(res.body.code).toBe('too_many_attempts');
  });

  it('per IP across servers: attempts on two servers sharing the database count together', async () => {
    const second = createApp({ db: t.db, clock: t.clock, logger: pino({ level: 'silent' }) });
    for (let i = 1; i <= 30; i++) {
      const server = i % 2 ? t.server : second;
      const res = await request(server).post('/api/auth/login').send({ email: `visitor${i}@example.fr`, password: 'some password' });
      expect(res.status, `attempt ${i}`).toBe(401);
    }
    for (const server of [t.server, second]) {
      const res = await request(server).post('/api/auth/login').send({ email: 'visitor@example.fr', password: 'some password' });
      expect(res.status).toBe(429);
    }
    // The window ends for both at once.
    t.clock.advance(15 * 60_000);
    expect((await request(second).post('/api/auth/login').send({ email: 'visitor@example.fr', password: 'some password' })).status).toBe(401);
  });
});

describe('two-factor authentication (TOTP)', () => {
  const otherCode = (code: string) => String((Number(code) + 500_000) % 1_000_000).padStart(6, '0');

  async function enrol(agent: ReturnType<typeof request.agent>) {
    const setup = await agent.post('/api/auth/totp/setup');
    expect(setup.status, JSON.stringify(setup.body)).toBe(200);
    expect(setup.body).toMatchObject({ secret: expect.any(String), otpauth_url: expect.stringMatching(/^otpauth:\/\/totp\//), qr_code: expect.stringMatching(/^data:image\/png;base64,/) });
    const secret = setup.body.secret as string;
    const enabled = await agent.post('/api/auth/totp/enable').send({ code: await generate({ secret }) });
    expect(enabled.status, JSON.stringify(enabled.body)).toBe(200);
    return { secret, recovery: enabled.body.recovery_codes as string[] };
  }

  it('enrolment, then logins need a code: none → totp_required, wrong → invalid_totp, right → 200; a recovery code works once', async () => {
    const id = await partnerLogin();
    const agent = await loggedIn(t, 'paul@alpha.test');
    const setup = await agent.post('/api/auth/totp/setup');
    expect(setup.status).toBe(200);
    const wrongEnable = await agent.post('/api/auth/totp/enable').send({ code: otherCode(await generate({ secret: setup.body.secret })) });
    expect(wrongEnable.status).toBe(400);
    expect((await agent.get('/api/auth/me')).body.totp_enabled).toBe(false);

    const { secret, recovery } = await enrol(agent);
    expect(recovery).toHaveLength(10);
    expect(new Set(recovery).size).toBe(10);
    expect((await agent.get('/api/auth/me')).body.totp_enabled).toBe(true);
    expect((await request(t.app).get(`/api/users/${id}`)).body.totp_enabled).toBe(true);
    // Once on, the secret cannot be read again through the session.
    const setupAgain = await agent.post('/api/auth/totp/setup');
    expect(setupAgain.status).toBe(409);
    expect(JSON.stringify(setupAgain.body)).not.toContain(secret);

    const none = (await loginAgent(t, { email: 'paul@alpha.test' })).res;
    expect(none.status).toBe(401);
    expect(none.body.code).toBe('totp_required');
    expect(setCookies(none).filter((c) => /^cascade_session=[^;]/.test(c))).toEqual([]);

    const wrong = (await loginAgent(t, { email: 'paul@alpha.test', code: otherCode(await generate({ secret })) })).res;
    expect(wrong.status).toBe(401);
    expect(wrong.body.code).toBe('invalid_totp');

    // A right code with a wrong password is still a wrong password.
    const badPassword = (await loginAgent(t, { email: 'paul@alpha.test', password: 'not the password', code: await generate({ secret }) })).res;
    expect(badPassword.status).toBe(401);
    expect(badPassword.body.code).toBe('invalid_credentials');

    const right = await loginAgent(t, { email: 'paul@alpha.test', code: await generate({ secret }) });
    expect(right.res.status, JSON.stringify(right.res.body)).toBe(200);
    expect((await right.agent.get('/api/clients')).status).toBe(200);

    const first = (await loginAgent(t, { email: 'paul@alpha.test', code: recovery[3] })).res;
    expect(first.status, JSON.stringify(first.body)).toBe(200);
    const again = (await loginAgent(t, { email: 'paul@alpha.test', code: recovery[3] })).res;
    expect(again.status).toBe(401);
    expect(again.body.code).toBe('invalid_totp');
    expect((await loginAgent(t, { email: 'paul@alpha.test', code: recovery[4] })).res.status).toBe(200);

    // Turning it off needs the password; a wrong one leaves it on.
    const wrongOff = await agent.post('/api/auth/totp/disable').send({ password: 'not the password' });
    expect([400, 401, 403]).toContain(wrongOff.status);
    expect((await loginAgent(t, { email: 'paul@alpha.test' })).res.body.code).toBe('totp_required');
  });

  it('wrong codes count as failures for the per-account limit', async () => {
    await partnerLogin();
    const { secret } = await enrol(await loggedIn(t, 'paul@alpha.test'));
    for (let i = 0; i < 5; i++) {
      expect((await loginAgent(t, { email: 'paul@alpha.test', code: otherCode(await generate({ secret })) })).res.status).toBe(401);
    }
    const res = (await loginAgent(t, { email: 'paul@alpha.test', code: await generate({ secret }) })).res;
    expect(res.status).toBe(429);
    expect(res.body.code).toBe('too_many_attempts');
  });

  it('an organisation requiring 2FA: its logins without it get 403 totp_enrolment_required outside /api/auth/*, until they enrol', async () => {
    await partnerLogin();
    await resellerLogin();
    const partner = await loggedIn(t, 'paul@alpha.test');
    const reseller = await loggedIn(t, 'rita@alpha-nord.test');
    expect((await partner.get('/api/clients')).status).toBe(200);

    const put = await request(t.app).put(`/api/partners/${h.partners.alpha}`).send({ name: 'Alpha', email: 'alpha@example.fr', require_totp: true });
    expect(put.status, JSON.stringify(put.body)).toBe(200);
    expect(put.body.require_totp).toBe(true);

    for (const [method, url] of [['get', '/api/clients'], ['get', '/api/dashboard'], ['get', '/api/users'], ['post', '/api/clients']] as const) {
      const res = await partner[method](url).send(method === 'post' ? { name: 'X', partner_id: h.partners.alpha, subscriptions: [] } : undefined);
      expect(res.status, `${method} ${url}`).toBe(403);
      expect(res.body.code).toBe('totp_enrolment_required');
    }
    const me = await partner.get('/api/auth/me');
    expect(me.status).toBe(200);
    expect(me.body).toMatchObject({ email: 'paul@alpha.test', totp_required: true, totp_enabled: false });
    // A fresh login still succeeds (so the login can enrol), and is gated the same way.
    const fresh = await loggedIn(t, 'paul@alpha.test');
    expect((await fresh.get('/api/clients')).body.code).toBe('totp_enrolment_required');
    // The reseller's own organisation does not require it.
    expect((await reseller.get('/api/clients')).status).toBe(200);

    await enrol(partner);
    expect((await partner.get('/api/clients')).status).toBe(200);
    expect((await partner.get('/api/auth/me')).body).toMatchObject({ totp_required: false, totp_enabled: true });
    const disable = await partner.post('/api/auth/totp/disable').send({ password: PASSWORD });
    expect(disable.status).toBe(403);
    expect((await partner.get('/api/auth/me')).body.totp_enabled).toBe(true);

    const putReseller = await request(t.app)
      .put(`/api/resellers/${h.resellers.alphaNord}`)
      .send({ name: 'Alpha Nord', email: 'nord@example.fr', partner_id: h.partners.alpha, require_totp: true });
    expect(putReseller.status, JSON.stringify(putReseller.body)).toBe(200);
    const gated = await reseller.get('/api/subscriptions');
    expect(gated.status).toBe(403);
    expect(gated.body.code).toBe('totp_enrolment_required');
  });
});

describe('access log', () => {
  it('names the browser and the system of each entry (issue 12); a script’s agent names neither', async () => {
    await partnerLogin();
    const firefox = { 'User-Agent': 'Mozilla/5.0 (Windows NT 10.0; Win64; x64; rv:133.0) Gecko/20100101 Firefox/133.0' };
    const iphone = { 'User-Agent': 'Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.5 Mobile/15E148 Safari/604.1' };
    expect((await loginAgent(t, { email: 'paul@alpha.test' }, firefox)).res.status).toBe(200);
    expect((await loginAgent(t, { email: 'paul@alpha.test' }, iphone)).res.status).toBe(200);
    expect((await loginAgent(t, { email: 'paul@alpha.test' }, { 'User-Agent': 'curl/8.5.0' })).res.status).toBe(200);
    const rows = await request(t.app).get('/api/access_log').query(listQuery({ sort: ['id', 'ASC'] }));
    expect(rows.body.map((r: Record<string, unknown>) => [r.browser, r.system])).toEqual([
      ['Firefox 133', 'Windows 10'],
      ['Mobile Safari 17', 'iOS 17.5'],
      [null, null],
    ]);
    expect(rows.body[0].user_agent).toBe(firefox['User-Agent']);
  });

  it('records login successes, failures and logouts with IP and user agent; admins read all, a partner its organisation, a reseller nothing (403)', async () => {
    await partnerLogin();
    await resellerLogin();
    await createLogin(t, { email: 'bob@beta.test', role: 'partner', partner_id: h.partners.beta });
    const ua = { 'User-Agent': 'SecurityTest/1.0 (vitest)' };
    expect((await loginAgent(t, { email: 'paul@alpha.test', password: 'wrong password' }, ua)).res.status).toBe(401);
    const paul = await loginAgent(t, { email: 'paul@alpha.test' }, ua);
    expect(paul.res.status).toBe(200);
    expect((await paul.agent.post('/api/auth/logout').set(ua)).status).toBe(200);
    expect((await loginAgent(t, { email: 'rita@alpha-nord.test' }, ua)).res.status).toBe(200);
    expect((await loginAgent(t, { email: 'bob@beta.test' }, ua)).res.status).toBe(200);
    expect((await loginAgent(t, { email: 'stranger@nowhere.test', password: 'guess guess' }, ua)).res.status).toBe(401);

    const all = await request(t.app).get('/api/access_log').query(listQuery({ sort: ['id', 'ASC'], range: [0, 99] }));
    expect(all.status).toBe(200);
    const events = all.body.map((r: Record<string, unknown>) => [r.event, r.email]);
    expect(events).toEqual([
      ['login_failure', 'paul@alpha.test'],
      ['login_success', 'paul@alpha.test'],
      ['logout', 'paul@alpha.test'],
      ['login_success', 'rita@alpha-nord.test'],
      ['login_success', 'bob@beta.test'],
      ['login_failure', 'stranger@nowhere.test'],
    ]);
    for (const row of all.body) {
      expect(row.ip, JSON.stringify(row)).toMatch(/127\.0\.0\.1|::1/);
      expect(row.user_agent).toBe(ua['User-Agent']);
      expect(row.created_at).toEqual(expect.any(String));
    }

    const partner = await loggedIn(t, 'paul@alpha.test');
    const mine = await partner.get('/api/access_log').query(listQuery({ sort: ['id', 'ASC'], range: [0, 99] }));
    expect(mine.status).toBe(200);
    const emails = new Set(mine.body.map((r: Record<string, unknown>) => r.email));
    expect([...emails].sort()).toEqual(['paul@alpha.test', 'rita@alpha-nord.test']);
    const bobRow = all.body.find((r: Record<string, unknown>) => r.email === 'bob@beta.test');
    expect((await partner.get(`/api/access_log/${bobRow.id}`)).status).toBe(404);

    const reseller = await loggedIn(t, 'rita@alpha-nord.test');
    expect((await reseller.get('/api/access_log')).status).toBe(403);
    const ritaRow = all.body.find((r: Record<string, unknown>) => r.email === 'rita@alpha-nord.test');
    expect((await reseller.get(`/api/access_log/${ritaRow.id}`)).status).toBe(403);
  });
});

describe('who did it', () => {
  it('movements.actor and changes.actor are the acting login’s email after a renewal and a client update', async () => {
    await partnerLogin();
    await grantPartner(t, h.partners.alpha, h.products.tbox, 20);
    const client = await addClient(t, { name: 'Atelier Dupont', partner_id: h.partners.alpha, subscriptions: [{ product_id: h.products.tbox, start_date: '2026-01-15', years: 1, seats: 2 }] });
    const agent = await loggedIn(t, 'paul@alpha.test');

    const renewed = await agent.post(`/api/subscriptions/${client.subscriptionIds[0]}/renew`).send({ years: 1 });
    expect(renewed.status, JSON.stringify(renewed.body)).toBe(201);
    const movements = await agent.get('/api/movements').query(listQuery({ filter: { subscription_id: client.subscriptionIds[0] }, sort: ['id', 'ASC'] }));
    expect(movements.body.map((m: Record<string, unknown>) => [m.kind, m.actor])).toEqual([
      ['consume', 'test'],
      ['consume', 'paul@alpha.test'],
    ]);

    const renamed = await agent.put(`/api/clients/${client.id}`).send({ name: 'Atelier Dupont & Fils' });
    expect(renamed.status, JSON.stringify(renamed.body)).toBe(200);
    const changes = await request(t.app).get('/api/changes').query(listQuery({ filter: { resource: 'clients', record_id: client.id }, sort: ['id', 'ASC'] }));
    expect(changes.status).toBe(200);
    expect(changes.body.map((c: Record<string, unknown>) => [c.action, c.actor])).toEqual([
      ['create', 'test'],
      ['update', 'paul@alpha.test'],
    ]);
    const own = await agent.get('/api/changes').query(listQuery({ filter: { actor: 'paul@alpha.test' } }));
    expect(own.body.map((c: Record<string, unknown>) => c.record_id)).toContain(client.id);
  });
});

describe('HTTP hardening', () => {
  it('a write whose Origin names another host is refused (403) and changes nothing; the same host is fine', async () => {
    await fundReseller(t, h.resellers.alphaNord, h.products.tbox, 10);
    const body = { name: 'Atelier Dupont', reseller_id: h.resellers.alphaNord, subscriptions: [{ product_id: h.products.tbox, start_date: TODAY, years: 1, seats: 1 }] };
    for (const origin of ['http://evil.example', 'null', 'http://console.example.evil.example']) {
      const res = await request(t.app).post('/api/clients').set('Host', 'console.example').set('Origin', origin).send(body);
      expect(res.status, origin).toBe(403);
      expect(res.body.message).toEqual(expect.any(String));
    }
    expect(await count(t, 'clients')).toBe(0);
    expect(await count(t, 'movements')).toBe(2);

    await partnerLogin();
    const login = await request(t.server).post('/api/auth/login').set('Origin', 'http://evil.example').send({ email: 'paul@alpha.test', password: PASSWORD });
    expect(login.status).toBe(403);
    expect(setCookies(login).filter((c) => c.startsWith('cascade_session='))).toEqual([]);

    // Reads are not writes.
    expect((await request(t.app).get('/api/clients').set('Host', 'console.example').set('Origin', 'http://evil.example')).status).toBe(200);
    const same = await request(t.app).post('/api/clients').set('Host', 'console.example').set('Origin', 'http://console.example').send(body);
    expect(same.status, JSON.stringify(same.body)).toBe(201);
    const none = await request(t.app).post('/api/clients').send({ ...body, name: 'Boulangerie Martin' });
    expect(none.status, JSON.stringify(none.body)).toBe(201);
    expect(await count(t, 'clients')).toBe(2);
  });

  it('helmet headers are present and the framework is not advertised', async () => {
    for (const url of ['/api/health', '/api/clients', '/']) {
      const res = await request(t.app).get(url);
      expect(res.headers['x-content-type-options'], url).toBe('nosniff');
      expect(res.headers['content-security-policy'], url).toMatch(/default-src 'self'/);
      expect(res.headers['content-security-policy'], url).toMatch(/frame-ancestors 'self'|frame-ancestors 'none'/);
      expect(res.headers['x-powered-by'], url).toBeUndefined();
    }
  });
});
