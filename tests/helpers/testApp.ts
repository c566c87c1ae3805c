import { createHash, randomBytes } from 'node:crypto';
import express from 'express';
import pino from 'pino';
import { createApp } from '../../server/src/app.ts';
import { manualClock } from '../../server/src/clock.ts';
import { openDatabase } from '../../server/src/db/connection.ts';
import { migrate } from '../../server/src/db/migrate.ts';
import { SYSTEM_SCOPE } from '../../server/src/domain/access.ts';
import type { ActionContext } from '../../server/src/domain/context.ts';
import { SESSION_COOKIE } from '../../server/src/http/session.ts';

/** A fresh migrated database (in memory unless a file is named) with a clock the test moves by hand. */
export function testDatabase(today = '2026-11-26', file = ':memory:') {
  const connection = openDatabase(file);
  migrate(connection.sqlite);
  const clock = manualClock(today);
  const ctx = (actor = 'test'): ActionContext => ({ actor, scope: SYSTEM_SCOPE, today: clock.today(), now: clock.now() });
  return { ...connection, clock, ctx };
}

/**
 * Opens a session for a new login, straight in the database (no password round trip), and
 * returns its cookie. Used to act as a given role in tests; logging in itself is tested apart.
 */
export function sessionCookieFor(
  database: ReturnType<typeof testDatabase>,
  login: { email: string; role: 'admin' | 'partner' | 'reseller'; partner_id?: number | null; reseller_id?: number | null },
): string {
  const { sqlite, clock } = database;
  const user = sqlite
    .prepare(
      `INSERT INTO users (email, name, role, partner_id, reseller_id, password_hash, search_name, created_at)
       VALUES (?, ?, ?, ?, ?, 'unusable', ?, ?) RETURNING id`,
    )
    .get(login.email, login.email, login.role, login.partner_id ?? null, login.reseller_id ?? null, login.email, clock.now()) as { id: number };
  const token = randomBytes(24).toString('base64url');
  const now = clock.instant();
  sqlite
    .prepare('INSERT INTO sessions (token_hash, user_id, created_at, last_seen_at, expires_at) VALUES (?, ?, ?, ?, ?)')
    .run(createHash('sha256').update(token).digest('hex'), user.id, now, now, now + 365 * 86_400_000);
  return `${SESSION_COOKIE}=${token}`;
}

/**
 * The HTTP app on a fresh database, for supertest. `app` is the application as an admin sees it:
 * requests without a cookie of their own carry an admin's session cookie (the session is real and
 * goes through the same authentication as any other). `server` is the bare application.
 */
export function testApp(today = '2026-11-26') {
  const database = testDatabase(today);
  const server = createApp({ db: database.db, clock: database.clock, logger: pino({ level: 'silent' }) });
  const adminCookie = sessionCookieFor(database, { email: 'admin@cascade.test', role: 'admin' });
  const app = express();
  app.use((req, _res, next) => {
    req.headers.cookie ??= adminCookie;
    next();
  });
  app.use(server);
  return { ...database, app, server, adminCookie };
}

export type TestDatabase = ReturnType<typeof testDatabase>;
