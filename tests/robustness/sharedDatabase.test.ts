import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase } from '../../server/src/db/connection.ts';
import { copyToPostgres } from '../../server/src/db/copyToPostgres.ts';
import { openPostgres } from '../../server/src/db/postgres.ts';
import { describePostgres, usePostgresCluster } from '../helpers/postgres.ts';
import { faultsOf, runCli, startServer, stop, summary, type ServerProcess } from './cascadeProcess.ts';
import { runLoad } from './load.ts';
import { loadWorld, type LoadWorld } from './world.ts';

/**
 * Several processes on one database, SQLite file or PostgreSQL: the server and `npm run renew:auto`
 * (the README's way to run the daily jobs by hand), and two servers. A second writer waits its turn
 * (no 5xx), licences are never oversold, an Idempotency-Key acts once, the daily jobs run once, and
 * what one process wrote shows in the other's lists at once.
 */

let dir: string;
beforeAll(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cascade-shared-'));
});
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

type SubscriptionRow = { id: number; status: string; end_date: string };

/** Every subscription's status and shown end as the server lists them. */
async function listed(url: string, cookie: string): Promise<SubscriptionRow[]> {
  const res = await fetch(`${url}/api/subscriptions?range=%5B0%2C99%5D&sort=%5B%22id%22%2C%22ASC%22%5D`, { headers: { Cookie: cookie } });
  expect(res.status).toBe(200);
  return ((await res.json()) as SubscriptionRow[]).map(({ id, status, end_date }) => ({ id, status, end_date }));
}

type WorldOptions = Parameters<typeof loadWorld>[1];
/** A new database named `name` holding the load tests' world: its file or URL, and the world. */
type SharedDatabase = (name: string, options: WorldOptions) => Promise<{ database: string; world: LoadWorld }>;

function sharedDatabaseTests(newDatabase: SharedDatabase) {
  it('renewals sent while the job runs get no 5xx, and the job’s renewals show in the server’s list at once', async () => {
    // Clients 1–15 end on 2027-01-14, 16–30 on 2027-02-19; all renew themselves 14 days before.
    const { database: file, world } = await newDatabase('shared', { resellerPool: 5_000, autoRenew: true, startOf: (i) => (i <= 15 ? '2026-01-15' : '2026-02-20') });
    const server = await startServer(file);
    const [early, late] = [world.subscriptions.slice(0, 15), world.subscriptions.slice(15)];

    // While the job renews the early ones, 20 clients renew, change seats and read on the server.
    const load = runLoad({ url: () => server.url, world: { ...world, subscriptions: early }, clients: 20, durationMs: 6_000, undo: false });
    await new Promise((r) => setTimeout(r, 1_000));
    const job = await runCli('renewAuto', ['--date', '2026-12-31'], file);
    expect(job.code, job.output).toBe(0);
    const report = await load;
    summary('server during renew:auto', report);
    expect(report.serverErrors).toEqual([]);
    expect(report.networkErrors).toBe(0);

    // The server has just listed everything (cached); the job now renews the late ones.
    const before = await listed(server.url, world.cookies.admin);
    expect(before.filter((s) => late.includes(s.id)).map((s) => s.status)).not.toContain('renewed');
    const second = await runCli('renewAuto', ['--date', '2027-02-05'], file);
    expect(second.code, second.output).toBe(0);
    expect(second.output).toMatch(/renewed: 15/);
    const after = await listed(server.url, world.cookies.admin);
    expect(after.filter((s) => late.includes(s.id)).map((s) => s.status)).toEqual(late.map(() => 'renewed'));
    // …as the one subscription read alone, which is never cached, says too.
    const one = await fetch(`${server.url}/api/subscriptions/${late[0]}`, { headers: { Cookie: world.cookies.admin } });
    expect((await one.json()).status).toBe('renewed');

    expect(await stop(server)).toMatchObject({ code: 0, signal: null });
    expect(await faultsOf(file)).toEqual([]);
  }, 90_000);

  it('two servers: 50 renewals fired at once, split across both, on a pool that pays for 10 → exactly 10 succeed', async () => {
    // 30 one-seat clients took 30: 10 licences are left, each renewal (1 seat, 1 year) costs 1.
    const { database: file, world } = await newDatabase('two-servers', { resellerPool: 40 });
    const servers = [await startServer(file), await startServer(file)];
    const answers = await Promise.all(
      Array.from({ length: 50 }, (_, i) =>
        fetch(`${servers[i % 2].url}/api/subscriptions/${world.subscriptions[i % 30]}/renew`, {
          method: 'POST',
          headers: { Cookie: world.cookies.reseller, 'Content-Type': 'application/json', 'Idempotency-Key': `renewal-${i}` },
          body: JSON.stringify({ years: 1 }),
        }).then((res) => res.status),
      ),
    );
    const count = (status: number) => answers.filter((s) => s === status).length;
    expect({ created: count(201), refused: count(409), other: answers.length - count(201) - count(409) }).toEqual({ created: 10, refused: 40, other: 0 });

    // One Idempotency-Key sent to both at once acts once, and both show its result at once.
    const balances = async (server: ServerProcess) =>
      ((await (await fetch(`${server.url}/api/pools`, { headers: { Cookie: world.cookies.reseller } })).json()) as { balance: number }[]).map((p) => p.balance);
    for (const server of servers) expect(await balances(server)).toEqual([0]);
    const twice = await Promise.all(
      servers.map((server) =>
        fetch(`${server.url}/api/allocations`, {
          method: 'POST',
          headers: { Cookie: world.cookies.partner, 'Content-Type': 'application/json', 'Idempotency-Key': 'one-allocation' },
          body: JSON.stringify({ product_id: world.product, reseller_id: world.reseller, quantity: 5 }),
        }).then(async (res) => ({ status: res.status, body: await res.json() })),
      ),
    );
    expect(twice.map((a) => a.status)).toEqual([201, 201]);
    expect(twice[0].body).toEqual(twice[1].body);
    for (const server of servers) expect(await balances(server)).toEqual([5]);

    for (const server of servers) expect(await stop(server)).toMatchObject({ code: 0, signal: null });
    expect(await faultsOf(file)).toEqual([]);
  }, 90_000);

  it('two servers starting at the daily jobs’ time: each due subscription is renewed once', async () => {
    // Clients 1–15 are due on 2026-12-31 (their term ends 2027-01-14, auto-renewal 14 days before).
    const { database, world } = await newDatabase('daily', { resellerPool: 5_000, autoRenew: true, startOf: (i) => (i <= 15 ? '2026-01-15' : '2026-02-20') });
    const env = { TODAY: '2026-12-31', DAILY_JOBS_AT: '00:00' };
    const servers = await Promise.all([startServer(database, env), startServer(database, env)]);
    const renewedEnds = async () => {
      const res = await fetch(`${servers[1].url}/api/subscriptions?range=%5B0%2C99%5D&sort=%5B%22id%22%2C%22ASC%22%5D`, { headers: { Cookie: world.cookies.admin } });
      return ((await res.json()) as SubscriptionRow[]).filter((s) => s.status === 'renewed').length;
    };
    for (let i = 0; i < 100 && (await renewedEnds()) < 15; i++) await new Promise((r) => setTimeout(r, 100));
    for (const server of servers) expect(await stop(server)).toMatchObject({ code: 0, signal: null });
    const movements = await fetchMovements(database);
    expect(movements.filter((m) => m.actor === 'auto-renewal').map((m) => m.subscription_id).sort((a, b) => a - b)).toEqual(world.subscriptions.slice(0, 15));
    expect(await faultsOf(database)).toEqual([]);
  }, 90_000);
}

/** The ledger rows of a database, read after its servers stopped. */
async function fetchMovements(database: string): Promise<{ actor: string; subscription_id: number }[]> {
  const connection = database.startsWith('postgres') ? openPostgres(database, 1) : openDatabase(database);
  try {
    return await connection.db.selectFrom('movements').select(['actor', 'subscription_id']).where('kind', '=', 'consume').execute() as never;
  } finally {
    await connection.close();
  }
}

describe('processes on one SQLite file', () => {
  sharedDatabaseTests(async (name, options) => {
    const file = path.join(dir, `${name}.db`);
    return { database: file, world: await loadWorld(file, options) };
  });
});

describePostgres('processes on one PostgreSQL database', () => {
  const cluster = usePostgresCluster();
  // The world is built in SQLite and copied, as `npm run migrate-to-postgres` does.
  sharedDatabaseTests(async (name, options) => {
    const file = path.join(dir, `${name}-source.db`);
    const world = await loadWorld(file, options);
    const url = await cluster().createDatabase();
    const source = openDatabase(file);
    const target = openPostgres(url, 2);
    try {
      await copyToPostgres(source, target);
    } finally {
      await source.close();
      await target.close();
    }
    return { database: url, world };
  });
});
