import { createHash, randomBytes } from 'node:crypto';
import net from 'node:net';
import type { ChildProcess } from 'node:child_process';
import Database from 'better-sqlite3';
import { start } from './processes.ts';
import { request, waitUntilUp } from './http.ts';

/** Preparing the benchmark's world: seeded database, admin session, production server, full pools. */

export interface SeedTiming {
  /** Wall clock of `npm run seed` (npm, tsx and migrations included). */
  seconds: number;
  /** What the seed script itself reports (data generation only). */
  reportedSeconds: number | null;
  output: string;
}

/** `npm run seed -- --clients N` into DATABASE_URL=file:`dbFile`, timed. */
export function seed(dbFile: string, clients: number, today: string): Promise<SeedTiming> {
  const started = performance.now();
  const child = start('npm', ['run', '--silent', 'seed', '--', '--clients', String(clients)], {
    env: { ...process.env, DATABASE_URL: `file:${dbFile}`, TODAY: today, LOG_LEVEL: 'warn' },
    stdio: ['ignore', 'pipe', 'inherit'],
    detached: true,
  });
  let output = '';
  child.stdout!.on('data', (c: Buffer) => (output += c.toString()));
  return new Promise((resolve, reject) => {
    child.on('error', reject);
    child.on('exit', (code) => {
      if (code !== 0) return reject(new Error(`npm run seed exited with ${code}:\n${output}`));
      const reported = /in ([\d.]+) s/.exec(output);
      resolve({ seconds: (performance.now() - started) / 1000, reportedSeconds: reported ? Number(reported[1]) : null, output: output.trim() });
    });
  });
}

/**
 * An admin login and a live session written straight into the seeded SQLite file (as
 * tests/helpers/testApp.ts sessionCookieFor does); returns the Cookie header value. On PostgreSQL
 * it is written before the file is copied, so the copy carries it.
 */
export function adminSessionCookie(dbFile: string): string {
  const db = new Database(dbFile);
  try {
    const email = 'bench-admin@cascade.test';
    const { id } = db
      .prepare(
        `INSERT INTO users (email, name, role, partner_id, reseller_id, password_hash, search_name, created_at)
         VALUES (?, 'Bench admin', 'admin', NULL, NULL, 'unusable', ?, ?) RETURNING id`,
      )
      .get(email, email, new Date().toISOString()) as { id: number };
    const token = randomBytes(24).toString('base64url');
    const now = Date.now();
    db.prepare('INSERT INTO sessions (token_hash, user_id, created_at, last_seen_at, expires_at) VALUES (?, ?, ?, ?, ?)').run(
      createHash('sha256').update(token).digest('hex'),
      id,
      now,
      now,
      now + 10 * 365 * 86_400_000,
    );
    return `cascade_session=${token}`;
  } finally {
    db.close();
  }
}

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = net.createServer();
    probe.on('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const { port } = probe.address() as net.AddressInfo;
      probe.close(() => resolve(port));
    });
  });
}

/**
 * The production server (`node --import tsx server/src/index.ts`) on `databaseUrl` (file:… or
 * postgres://…; PG_POOL_SIZE passes through), no scheduler, quiet logs.
 */
export async function startServer(databaseUrl: string, today: string, staticDir: string): Promise<{ child: ChildProcess; port: number }> {
  const port = await freePort();
  const child = start(process.execPath, ['--import', 'tsx', 'server/src/index.ts'], {
    env: {
      ...process.env,
      NODE_ENV: 'production',
      PORT: String(port),
      DATABASE_URL: databaseUrl,
      TODAY: today,
      LOG_LEVEL: 'warn',
      DAILY_JOBS_AT: 'off',
      STATIC_DIR: staticDir,
    },
    stdio: ['ignore', 'inherit', 'inherit'],
  });
  const exited = new Promise<never>((_, reject) => child.once('exit', (code) => reject(new Error(`The server exited with ${code} while starting`))));
  await Promise.race([waitUntilUp(port, '/api/health'), exited]);
  return { child, port };
}

/**
 * Makes every pool large enough for the renewals, through the API as the admin would: a grant to
 * each partner pool, then an allocation to each reseller pool (the ledger stays consistent).
 * The ids are read from the seeded SQLite file even when the server runs on PostgreSQL: the copy
 * keeps every id, and the API writes no product, partner or reseller during the benchmark.
 */
export async function fillPools(dbFile: string, port: number, cookie: string): Promise<number> {
  const db = new Database(dbFile, { readonly: true });
  const products = db.prepare('SELECT id FROM products').pluck().all() as number[];
  const partners = db.prepare('SELECT id FROM partners').pluck().all() as number[];
  const resellers = db.prepare('SELECT id FROM resellers').pluck().all() as number[];
  db.close();
  const post = async (path: string, body: object) => {
    const reply = await request(port, 'POST', path, { cookie, 'content-type': 'application/json' }, JSON.stringify(body));
    if (reply.status !== 201) throw new Error(`POST ${path} ${JSON.stringify(body)} answered ${reply.status}: ${reply.body}`);
  };
  for (const product_id of products) {
    for (const partner_id of partners) await post('/api/grants', { product_id, partner_id, quantity: 500_000_000, reason: 'benchmark' });
    for (const reseller_id of resellers) await post('/api/allocations', { product_id, reseller_id, quantity: 10_000_000 });
  }
  return products.length * (partners.length + resellers.length);
}

/**
 * Subscriptions to renew during the load, to-renew ones first, in a scrambled but fixed order; read
 * from the seeded SQLite file before any server starts (on PostgreSQL, its copy has the same ids).
 */
export function renewableIds(dbFile: string): number[] {
  const db = new Database(dbFile, { readonly: true });
  try {
    return db
      .prepare('SELECT id FROM subscriptions WHERE archived = 0 ORDER BY to_renew DESC, (id * 2654435761) % 4294967296')
      .pluck()
      .all() as number[];
  } finally {
    db.close();
  }
}
