import { parentPort, workerData } from 'node:worker_threads';
import SQLite from 'better-sqlite3';

/** The checkpointer thread (see checkpoints.ts): passive WAL checkpoints on a connection of its own. */
const { file, everyMs } = workerData as { file: string; everyMs: number };
const sqlite = new SQLite(file);
sqlite.pragma('busy_timeout = 5000');
const timer = setInterval(() => sqlite.pragma('wal_checkpoint(PASSIVE)'), everyMs);
parentPort!.once('message', () => {
  clearInterval(timer);
  sqlite.close();
  parentPort!.close();
});
