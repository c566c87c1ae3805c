import { createHash, randomBytes } from 'node:crypto';
import type SQLite from 'better-sqlite3';
import express from 'express';
import pino from 'pino';
import { createApp } from '../../server/src/app.ts';
import { manualClock } from '../../server/src/clock.ts';
import type { Db } from '../../server/src/data/transact.ts';
import { openDatabase } from '../../server/src/db/connection.ts';
import { migrate } from '../../server/src/db/migrate.ts';
import { SYSTEM_SCOPE } from '../../server/src/domain/access.ts';
import type { ActionContext } from '../../server/src/domain/context.ts';
import { SESSION_COOKIE } from '../../server/src/http/session.ts';
import { freshPostgresDatabase } from './postgresDatabase.ts';

export type TestDialect = 'sqlite' | 'postgres';

/** The database the tests run on: PostgreSQL under CASCADE_TEST_DATABASE=postgres (the node-postgres project), SQLite otherwise. */
const TEST_DIALECT: TestDialect = process.env.CASCADE_TEST_DATABASE === 'postgres' ? 'postgres' : 'sqlite';

export interface TestDatabase {
  db: Db;
  dialect: TestDialect;
  /** better-sqlite3's handle, for the tests that are SQLite's by nature; null on PostgreSQL. */
  sqlite: SQLite.Database | null;
  clock: ReturnType<typeof manualClock>;
  ctx(actor?: string): ActionContext;
  close(): Promise<void>;
}

/**
 * A fresh migrated database with a clock the test moves by hand: in-memory SQLite, or a new
 * PostgreSQL database (copied from the migrated template) under CASCADE_TEST_DATABASE=postgres.
 * Naming a `file` always gives SQLite, in that file.
 */
export async function testDatabase(today = '2026-11-26', file = ':memory:'): Promise<TestDatabase> {
  const clock = manualClock(today);
  const ctx = (actor = 'test'): ActionContext => ({ actor, scope: SYSTEM_SCOPE, today: clock.today(), now: clock.now() });
  if (TEST_DIALECT === 'postgres' && file === ':memory:') {
    const { db, close } = await freshPostgresDatabase();
    return { db, dialect: 'postgres', sqlite: null, clock, ctx, close };
  }
  const { db, sqlite, close } = openDatabase(file);
  migrate(sqlite);
  return { db, dialect: 'sqlite', sqlite, clock, ctx, close };
}

/**
 * Opens a session for a new login, straight in the database (no password round trip), and
 * returns its cookie. Used to act as a given role in tests; logging in itself is tested apart.
 */
export async function sessionCookieFor(
  database: TestDatabase,
  login: { email: string; role: 'admin' | 'partner' | 'reseller'; partner_id?: number | null; reseller_id?: number | null },
): Promise<string> {
  const { db, clock } = database;
  const user = await db
    .insertInto('users')
    .values({
      email: login.email,
      name: login.email,
      role: login.role,
      partner_id: login.partner_id ?? null,
      reseller_id: login.reseller_id ?? null,
      password_hash: 'unusable',
      search_name: login.email,
      created_at: clock.now(),
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  const token = randomBytes(24).toString('base64url');
  const now = clock.instant();
  await db
    .insertInto('sessions')
    .values({ token_hash: createHash('sha256').update(token).digest('hex'), user_id: user.id, created_at: now, last_seen_at: now, expires_at: now + 365 * 86_400_000 })
    .execute();
  return `${SESSION_COOKIE}=${token}`;
}

/**
 * The HTTP app on a fresh database, for supertest. `app` is the application as an admin sees it:
 * requests without a cookie of their own carry an admin's session cookie (the session is real and
 * goes through the same authentication as any other). `server` is the bare application.
 */
export async function testApp(today = '2026-11-26', options: Pick<Parameters<typeof createApp>[0], 'billing'> = {}) {
  const database = await testDatabase(today);
  const server = createApp({ db: database.db, clock: database.clock, logger: pino({ level: 'silent' }), ...options });
  const adminCookie = await sessionCookieFor(database, { email: 'admin@cascade.test', role: 'admin' });
  const app = express();
  app.use((req, _res, next) => {
    req.headers.cookie ??= adminCookie;
    next();
  });
  app.use(server);
  return { ...database, app, server, adminCookie };
}
