import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { faultsOf, runCli, startServer, stop, summary, type ServerProcess } from './cascadeProcess.ts';
import { runLoad } from './load.ts';
import { loadWorld } from './world.ts';

/**
 * Several processes on one SQLite file: the server and `npm run renew:auto` (the README's way to run
 * the daily jobs by hand), and two servers. A second writer waits its turn (no 5xx), licences are
 * never oversold, and what one process wrote shows in the other's lists at once.
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

describe('the server and renew:auto on one SQLite file', () => {
  it('renewals sent while the job runs get no 5xx, and the job’s renewals show in the server’s list at once', async () => {
    const file = path.join(dir, 'shared.db');
    // Clients 1–15 end on 2027-01-14, 16–30 on 2027-02-19; all renew themselves 14 days before.
    const world = await loadWorld(file, { resellerPool: 5_000, autoRenew: true, startOf: (i) => (i <= 15 ? '2026-01-15' : '2026-02-20') });
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
    const file = path.join(dir, 'two-servers.db');
    // 30 one-seat clients took 30: 10 licences are left, each renewal (1 seat, 1 year) costs 1.
    const world = await loadWorld(file, { resellerPool: 40 });
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
});
