import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';
import { DIST_SERVER_DIR, RUNNING_FROM_SOURCE } from '../paths.ts';

/**
 * WAL checkpoints off the request path. SQLite's automatic checkpoint runs inside the COMMIT that
 * crosses its threshold: that request waits while thousands of pages are copied back into the
 * database file and synced (it was the p99 of renewals). A worker thread with a connection of its
 * own checkpoints passively instead, on the other core, without blocking the writer; the writer's
 * automatic checkpoint stays as the safety net should the worker stop.
 */

/**
 * The thread's code: the worker's own bundle under dist/server once built; from the source (tsx,
 * vitest), the TypeScript module next to this one, loaded through tsx's API since no loader given
 * to the main thread (vitest's least of all) reaches a worker thread.
 */
function workerCode(): URL | string {
  if (!RUNNING_FROM_SOURCE) return pathToFileURL(path.join(DIST_SERVER_DIR, 'db', 'checkpointWorker.js'));
  const tsx = import.meta.resolve('tsx/esm/api');
  const worker = new URL('./checkpointWorker.ts', import.meta.url).href;
  return `import(${JSON.stringify(tsx)}).then(({ tsImport }) => tsImport(${JSON.stringify(worker)}, ${JSON.stringify(worker)}))`;
}

export function startCheckpointer(file: string, everyMs = 200): { stop(): Promise<void> } {
  const code = workerCode();
  const worker = new Worker(code, { eval: typeof code === 'string', workerData: { file, everyMs } });
  worker.unref();
  return {
    stop: async () => {
      const exited = new Promise<void>((resolve) => worker.once('exit', () => resolve()));
      // Unreferenced, the thread would not keep a shutting-down process alive until it has exited.
      worker.ref();
      worker.postMessage('stop');
      await exited;
    },
  };
}
