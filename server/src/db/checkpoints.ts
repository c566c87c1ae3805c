import { createRequire } from 'node:module';
import { Worker } from 'node:worker_threads';

/**
 * WAL checkpoints off the request path. SQLite's automatic checkpoint runs inside the COMMIT that
 * crosses its threshold: that request waits while thousands of pages are copied back into the
 * database file and synced (it was the p99 of renewals). A worker thread with a connection of its
 * own checkpoints passively instead, on the other core, without blocking the writer; the writer's
 * automatic checkpoint stays as the safety net should the worker stop.
 */

// Plain JavaScript, so that the thread needs no TypeScript loader.
const WORKER = `
const { parentPort, workerData } = require('node:worker_threads');
const SQLite = require(workerData.driver);
const sqlite = new SQLite(workerData.file);
sqlite.pragma('busy_timeout = 5000');
const timer = setInterval(() => sqlite.pragma('wal_checkpoint(PASSIVE)'), workerData.everyMs);
parentPort.once('message', () => {
  clearInterval(timer);
  sqlite.close();
  parentPort.close();
});
`;

export function startCheckpointer(file: string, everyMs = 200): { stop(): Promise<void> } {
  const driver = createRequire(import.meta.url).resolve('better-sqlite3');
  const worker = new Worker(WORKER, { eval: true, workerData: { file, everyMs, driver } });
  worker.unref();
  return {
    stop: async () => {
      const exited = new Promise<void>((resolve) => worker.once('exit', () => resolve()));
      worker.postMessage('stop');
      await exited;
    },
  };
}
