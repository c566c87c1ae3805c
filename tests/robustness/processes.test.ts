import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase } from '../../server/src/db/connection.ts';
import { faultsOf, runCli, startServer, stop, summary } from './cascadeProcess.ts';
import { runLoad, type LoadReport } from './load.ts';
import { loadWorld } from './world.ts';

/**
 * The server as an operator runs it, in its own process, under 50 concurrent clients on one small
 * pool: a plain load with a backup taken meanwhile, SIGKILL three times in the middle of the load,
 * and SIGTERM in the middle of the load. Licences are never lost, created or spent twice.
 */

let dir: string;
beforeAll(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cascade-processes-'));
});
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

async function termsOf(file: string): Promise<Set<string>> {
  const connection = openDatabase(file);
  try {
    const rows = connection.sqlite.prepare('SELECT subscription_id, end_date FROM terms').all() as { subscription_id: number; end_date: string }[];
    return new Set(rows.map((r) => `${r.subscription_id} ${r.end_date}`));
  } finally {
    await connection.close();
  }
}

describe('a server process under load', () => {
  it('50 clients for 20 s with a backup taken meanwhile: no 5xx, no oversell, the invariants hold in the database and in the backup', async () => {
    const file = path.join(dir, 'load.db');
    const world = await loadWorld(file);
    const server = await startServer(file);
    const backupFile = path.join(dir, 'during-load.backup.db');
    const backup = new Promise<{ code: number | null; output: string }>((resolve) =>
      setTimeout(() => resolve(runCli('backup', [backupFile], file)), 5_000),
    );
    const report = await runLoad({ url: () => server.url, world, clients: 50, durationMs: 20_000, undo: true });
    summary('load', report);
    const backedUp = await backup;
    expect(await stop(server)).toMatchObject({ code: 0, signal: null });

    expect(report.serverErrors).toEqual([]);
    expect(report.networkErrors).toBe(0);
    expect(report.statuses[201] ?? 0).toBeGreaterThan(50);
    expect(report.statuses[409] ?? 0).toBeGreaterThan(0); // the pool ran dry and was defended
    expect(await faultsOf(file)).toEqual([]);

    expect(backedUp.code, backedUp.output).toBe(0);
    const restored = path.join(dir, 'restored.db');
    const restore = await runCli('restore', [backupFile], restored);
    expect(restore.code, restore.output).toBe(0);
    expect(await faultsOf(restored)).toEqual([]);
  }, 90_000);

  it('killed with SIGKILL three times in the middle of the load: every renewal answered 201 is there and the invariants hold', async () => {
    const file = path.join(dir, 'crash.db');
    // A pool deep enough that renewals are still answered 201 in the third round.
    const world = await loadWorld(file, { resellerPool: 5_000 });
    const renewed: LoadReport['renewed'] = [];
    let serverErrors: LoadReport['serverErrors'] = [];
    for (let kill = 1; kill <= 3; kill++) {
      const server = await startServer(file);
      let killed = false;
      setTimeout(() => {
        server.child.kill('SIGKILL');
        killed = true;
      }, 2_000 + 1_000 * kill);
      const report = await runLoad({ url: () => server.url, world, clients: 50, durationMs: 15_000, undo: false, stopped: () => killed });
      summary(`crash ${kill}`, report);
      expect((await server.exited).signal).toBe('SIGKILL');
      renewed.push(...report.renewed);
      serverErrors = serverErrors.concat(report.serverErrors);
    }
    expect(serverErrors).toEqual([]);
    expect(renewed.length).toBeGreaterThan(30);
    const server = await startServer(file);
    expect(await stop(server)).toMatchObject({ code: 0, signal: null });
    const terms = await termsOf(file);
    expect(renewed.filter((r) => !terms.has(`${r.subscription} ${r.end_date}`))).toEqual([]);
    expect(await faultsOf(file)).toEqual([]);
  }, 120_000);

  it('SIGTERM in the middle of the load: every request the server accepted is answered, then it exits cleanly', async () => {
    const file = path.join(dir, 'sigterm.db');
    const world = await loadWorld(file);
    const server = await startServer(file, { SHUTDOWN_TIMEOUT_MS: '5000' });
    let exitedAt = 0;
    let termAt = 0;
    void server.exited.then(() => (exitedAt = Date.now()));
    setTimeout(() => {
      termAt = Date.now();
      server.child.kill('SIGTERM');
    }, 3_000);
    const report = await runLoad({ url: () => server.url, world, clients: 50, durationMs: 20_000, undo: true, stopped: () => exitedAt > 0 });
    summary('sigterm', report);
    expect(await server.exited).toMatchObject({ code: 0, signal: null });
    expect(exitedAt - termAt).toBeLessThan(7_000);
    expect(server.output()).toContain('shutdown complete');

    expect(report.serverErrors).toEqual([]);
    // A request that failed at the connection was never acted on: no stored answer under its key.
    const connection = openDatabase(file);
    const acted = connection.sqlite.prepare(`SELECT key FROM idempotency_keys WHERE key IN (SELECT value FROM json_each(?))`).all(JSON.stringify(report.unanswered));
    await connection.close();
    expect(acted).toEqual([]);
    expect(await faultsOf(file)).toEqual([]);
  }, 90_000);
});
