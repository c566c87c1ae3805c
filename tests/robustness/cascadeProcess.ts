import path from 'node:path';
import { openDatabase } from '../../server/src/db/connection.ts';
import { checkInvariants } from '../../server/src/domain/invariants.ts';
import { runToExit, startServer as spawnServer, waitUntilReady, type RunningServer } from '../ops/serverProcess.ts';
import type { LoadReport } from './load.ts';

/** Cascade's processes on one database file, as the robustness tests run them. */

export type ServerProcess = RunningServer & { url: string };

/** The server from its TypeScript source (the code of this checkout) on `file`, once ready. */
export async function startServer(file: string, env: Record<string, string> = {}): Promise<ServerProcess> {
  const server = await spawnServer('tsx', { DATABASE_URL: `file:${file}`, TODAY: '2026-11-26', STATIC_DIR: path.join(path.dirname(file), 'no-console'), ...env });
  await waitUntilReady(server.port);
  return { ...server, url: `http://127.0.0.1:${server.port}` };
}

export const stop = async (server: ServerProcess) => {
  server.child.kill('SIGTERM');
  return server.exited;
};

/** An operator's command (npm run backup, restore, renew:auto…) on a database, to its exit. */
export const runCli = (name: string, args: string[], file: string) =>
  runToExit({ DATABASE_URL: `file:${file}`, LOG_LEVEL: 'warn' }, ['--import', 'tsx', `server/src/cli/${name}.ts`, ...args], 60_000);

/** What `npm run check` reports on the file. */
export async function faultsOf(file: string): Promise<string[]> {
  const connection = openDatabase(file);
  try {
    return (await checkInvariants(connection.db)).map((fault) => fault.message);
  } finally {
    await connection.close();
  }
}

export function summary(name: string, report: LoadReport) {
  console.log(`${name}: ${report.requests} requests, statuses ${JSON.stringify(report.statuses)}, ${report.renewed.length} renewals answered 201, ${report.networkErrors} connection errors`);
}
