import { Writable } from 'node:stream';
import pino from 'pino';
import request from 'supertest';
import { describe, expect, it } from 'vitest';
import { createApp } from '../../server/src/app.ts';
import { addClient, buildHierarchy, fundReseller } from '../helpers/fixtures.ts';
import { failWrites } from '../helpers/faults.ts';
import { sessionCookieFor, testDatabase } from '../helpers/testApp.ts';

interface LogLine {
  level: number;
  msg: string;
  method: string;
  route: string | null;
  status: number;
  duration_ms: number;
  login_id: number | null;
  request_id: string;
  err?: { message: string; stack: string };
}

/** The application with its log lines captured as parsed JSON, and an admin's cookie and id. */
async function loggedApp() {
  const lines: LogLine[] = [];
  const destination = new Writable({
    write(chunk, _encoding, done) {
      lines.push(JSON.parse(String(chunk)));
      done();
    },
  });
  const t = await testDatabase();
  const app = createApp({ db: t.db, clock: t.clock, logger: pino({ level: 'info' }, destination) });
  const cookie = await sessionCookieFor(t, { email: 'admin@cascade.test', role: 'admin' });
  const { id: adminId } = await t.db.selectFrom('users').select('id').where('email', '=', 'admin@cascade.test').executeTakeFirstOrThrow();
  return { ...t, app, cookie, adminId, lines };
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
const INFO = 30;
const WARN = 40;
const ERROR = 50;

describe('request log: one JSON line per request', () => {
  it('names the route pattern, not the URL, with status, duration, login and request id', async () => {
    const t = await loggedApp();
    const h = await buildHierarchy(t);
    const answer = await request(t.app).get(`/api/partners/${h.partners.alpha}?unused=1`).set('Cookie', t.cookie);
    expect(answer.status).toBe(200);

    expect(t.lines).toHaveLength(1);
    const [line] = t.lines;
    expect(line).toMatchObject({ level: INFO, method: 'GET', route: '/api/partners/:id', status: 200, login_id: t.adminId });
    expect(line.request_id).toBe(answer.headers['x-request-id']);
    expect(line.request_id).toMatch(UUID);
    expect(line.duration_ms).toBeGreaterThanOrEqual(0);
    expect(JSON.stringify(line)).not.toContain('unused');
  });

  it('keeps a well-formed X-Request-Id and replaces anything else', async () => {
    const t = await loggedApp();
    const kept = await request(t.app).get('/api/health').set('X-Request-Id', 'lb-7f3a.42_x');
    expect(kept.headers['x-request-id']).toBe('lb-7f3a.42_x');
    for (const hostile of ['has space', 'x'.repeat(65), 'a\tb', '../../etc', '<script>']) {
      const replaced = await request(t.app).get('/api/health').set('X-Request-Id', hostile);
      expect(replaced.headers['x-request-id']).toMatch(UUID);
    }
    // Outside the API too (the console's pages).
    const page = await request(t.app).get('/');
    expect(page.headers['x-request-id']).toMatch(UUID);
    expect(t.lines.map((l) => l.request_id)[0]).toBe('lb-7f3a.42_x');
    expect(t.lines).toHaveLength(7);
    expect(t.lines[6]).toMatchObject({ route: '/', status: 200, request_id: page.headers['x-request-id'] });
  });

  it('logs refusals at warn, with the request id in the error body', async () => {
    const t = await loggedApp();
    // Before any session: 401, no login id, yet the route is named.
    const anonymous = await request(t.app).get('/api/clients/12');
    expect(anonymous.status).toBe(401);
    expect(anonymous.body.request_id).toBe(anonymous.headers['x-request-id']);

    const invalid = await request(t.app).post('/api/clients').set('Cookie', t.cookie).send({ name: '' });
    expect(invalid.status).toBe(400);
    expect(invalid.body).toMatchObject({ errors: { name: 'Required' }, request_id: invalid.headers['x-request-id'] });

    const malformed = await request(t.app).post('/api/clients').set('Cookie', t.cookie).set('Content-Type', 'application/json').send('{"name":');
    expect(malformed.status).toBe(400);
    expect(malformed.body.request_id).toBe(malformed.headers['x-request-id']);

    const unknown = await request(t.app).get('/api/no-such-thing').set('Cookie', t.cookie);
    expect(unknown.status).toBe(404);
    expect(unknown.body.request_id).toBe(unknown.headers['x-request-id']);

    expect(t.lines.map(({ level, route, status, login_id }) => ({ level, route, status, login_id }))).toEqual([
      { level: WARN, route: '/api/clients/:id', status: 401, login_id: null },
      { level: WARN, route: '/api/clients', status: 400, login_id: t.adminId },
      // The body is read before the session is looked at: a malformed one is refused first.
      { level: WARN, route: '/api/clients', status: 400, login_id: null },
      { level: WARN, route: null, status: 404, login_id: t.adminId },
    ]);
  });

  it('a failure inside the database answers a bare 500 and logs the error at error level', async () => {
    const t = await loggedApp();
    // An unexpected database error whose message is SQL with data in it.
    await failWrites(t, { table: 'products', message: "SELECT password_hash FROM users WHERE email = 'admin@cascade.test'" });
    const answer = await request(t.app).post('/api/products').set('Cookie', t.cookie).send({ code: 'TBox', name: 'TBox' });

    expect(answer.status).toBe(500);
    expect(answer.body).toEqual({ message: 'Internal server error', request_id: answer.headers['x-request-id'] });
    expect(answer.text).not.toMatch(/SELECT|password_hash|at .*\.ts/);

    expect(t.lines).toHaveLength(1);
    const [line] = t.lines;
    expect(line).toMatchObject({ level: ERROR, route: '/api/products', status: 500, login_id: t.adminId, request_id: answer.headers['x-request-id'] });
    expect(line.err?.message).toContain('SELECT password_hash FROM users');
    expect(line.err?.stack).toBeTruthy();
  });
});

describe('a bulk renewal line that fails unexpectedly', () => {
  it('is logged at error with the request id the user sees in X-Request-Id', async () => {
    const t = await loggedApp();
    const h = await buildHierarchy(t);
    await fundReseller(t, h.resellers.alphaNord, h.products.tbox, 10);
    const { subscriptionIds: [sub] } = await addClient(t, {
      name: 'Atelier Dupont',
      reseller_id: h.resellers.alphaNord,
      subscriptions: [{ product_id: h.products.tbox, start_date: '2026-01-15', years: 1, seats: 1 }],
    });
    await failWrites(t, { table: 'terms', when: `NEW.subscription_id = ${sub}`, message: 'disk I/O error (simulated)' });
    const answer = await request(t.app).post('/api/subscriptions/bulk-renew').set('Cookie', t.cookie).send({ ids: [sub], years: 1 });
    expect(answer.body.results[0].status).toBe(500);
    const failure = t.lines.find((l) => l.msg === 'bulk renewal line failed');
    expect(failure?.level).toBe(ERROR);
    expect(failure?.request_id).toBe(answer.headers['x-request-id']);
    expect(failure?.err?.message).toContain('disk I/O error');
  });
});
