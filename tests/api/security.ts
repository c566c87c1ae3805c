import request from 'supertest';
import { expect } from 'vitest';
import type { TestApp } from './scenario.ts';

/** Helpers of the security tests (auth.test.ts, scoping.test.ts): real logins with passwords. */

export const PASSWORD = 'correct horse battery';

export interface NewLogin {
  email: string;
  name?: string;
  role: 'admin' | 'partner' | 'reseller';
  partner_id?: number | null;
  reseller_id?: number | null;
  password?: string;
  active?: boolean;
}

/** Creates a login through the API as the test app's admin; returns its id. */
export async function createLogin(t: TestApp, login: NewLogin): Promise<number> {
  const res = await request(t.app)
    .post('/api/users')
    .send({ name: login.email.split('@')[0], password: PASSWORD, ...login });
  expect(res.status, `create login ${login.email}: ${JSON.stringify(res.body)}`).toBe(201);
  return res.body.id as number;
}

/** Logs in on the bare app with a cookie-keeping agent; returns the agent and the login response. */
export async function loginAgent(
  t: TestApp,
  credentials: { email: string; password?: string; code?: string },
  headers: Record<string, string> = {},
) {
  const agent = request.agent(t.server);
  let req = agent.post('/api/auth/login');
  for (const [name, value] of Object.entries(headers)) req = req.set(name, value);
  const res = await req.send({ password: PASSWORD, ...credentials });
  return { agent, res };
}

/** Logs in and insists it worked; returns the agent. */
export async function loggedIn(t: TestApp, email: string, password = PASSWORD) {
  const { agent, res } = await loginAgent(t, { email, password });
  expect(res.status, `login ${email}: ${JSON.stringify(res.body)}`).toBe(200);
  return agent;
}

/** The value of the session cookie set by a response ("name=value"), if any. */
export function setCookies(res: { headers: Record<string, unknown> }): string[] {
  const raw = res.headers['set-cookie'];
  return Array.isArray(raw) ? (raw as string[]) : typeof raw === 'string' ? [raw] : [];
}

export const count = async (t: TestApp, table: 'clients' | 'subscriptions' | 'terms' | 'movements' | 'users' | 'changes' | 'access_log' | 'sessions') =>
  Number((await t.db.selectFrom(table).select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow()).n);

/** Everything a refused write must leave untouched. */
export async function snapshot(t: TestApp) {
  return {
    clients: await t.db.selectFrom('clients').selectAll().orderBy('id').execute(),
    subscriptions: await t.db.selectFrom('subscriptions').selectAll().orderBy('id').execute(),
    terms: await t.db.selectFrom('terms').selectAll().orderBy('id').execute(),
    pools: await t.db.selectFrom('pools').selectAll().orderBy('id').execute(),
    movements: await t.db.selectFrom('movements').selectAll().orderBy('id').execute(),
    users: await t.db.selectFrom('users').selectAll().orderBy('id').execute(),
    changes: await t.db.selectFrom('changes').selectAll().orderBy('id').execute(),
    partners: await t.db.selectFrom('partners').selectAll().orderBy('id').execute(),
    resellers: await t.db.selectFrom('resellers').selectAll().orderBy('id').execute(),
  };
}
