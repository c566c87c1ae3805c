import os from 'node:os';
import path from 'node:path';
import { isPostgresUrl, openStore } from '../../server/src/db/open.ts';
import { checkInvariants } from '../../server/src/domain/invariants.ts';
import { runToExit, startServer as spawnServer, waitUntilReady, type RunningServer } from '../ops/serverProcess.ts';
import type { LoadReport } from './load.ts';

/**
 * Cascade's processes on one database, as the robustness tests run them. A database is named by
 * its SQLite file or its PostgreSQL URL.
 */

export type ServerProcess = RunningServer & { url: string };

const databaseUrl = (database: string) => (isPostgresUrl(database) ? database : `file:${database}`);

/** The server from its TypeScript source (the code of this checkout) on `database`, once ready. */
export async function startServer(database: string, env: Record<string, string> = {}): Promise<ServerProcess> {
  const noConsole = path.join(isPostgresUrl(database) ? os.tmpdir() : path.dirname(database), 'no-console');
  const server = await spawnServer('tsx', { DATABASE_URL: databaseUrl(database), TODAY: '2026-11-26', STATIC_DIR: noConsole, ...env });
  await waitUntilReady(server.port);
  return { ...server, url: `http://127.0.0.1:${server.port}` };
}

export const stop = async (server: ServerProcess) => {
  server.child.kill('SIGTERM');
  return server.exited;
};

/** An operator's command (npm run backup, restore, renew:auto…) on a database, to its exit. */
export const runCli = (name: string, args: string[], database: string) =>
  runToExit({ DATABASE_URL: databaseUrl(database), LOG_LEVEL: 'warn' }, ['--import', 'tsx', `server/src/cli/${name}.ts`, ...args], 60_000);

/** What `npm run check` reports on the database. */
export async function faultsOf(database: string): Promise<string[]> {
  const connection = await openStore(databaseUrl(database), { poolSize: 1 });
  try {
    return (await checkInvariants(connection.db)).map((fault) => fault.message);
  } finally {
    await connection.close();
  }
}

export function summary(name: string, report: LoadReport) {
  console.log(`${name}: ${report.requests} requests, statuses ${JSON.stringify(report.statuses)}, ${report.renewed.length} renewals answered 201, ${report.networkErrors} connection errors`);
}
