import { statementsOf } from '../db/connection.ts';
import type { Db, Transact, Tx } from '../db/handles.ts';

interface Job {
  action: (tx: Tx) => Promise<unknown>;
  resolve: (value: unknown) => void;
  reject: (error: unknown) => void;
}

/**
 * Group commit. License-moving requests that arrive together share one SQLite transaction, each in
 * its own savepoint: a commit writes every page the batch touched to the WAL once, instead of once
 * per request (the pool, the ledger's last pages and their indexes are shared by most renewals).
 * Each action still succeeds or fails alone: a failing one is rolled back to its savepoint and
 * rejects, the others go on. Nobody is answered before the shared COMMIT; if it fails, all fail.
 */
/** At most this many actions per transaction, so that a crowd of requests never holds one open long. */
const MAX_BATCH = 64;

function groupCommitter(db: Db): { transact: Transact; settled(): Promise<void> } {
  const queue: Job[] = [];
  let committing = 0;
  const whenSettled: (() => void)[] = [];

  async function commitBatch() {
    const batch = queue.splice(0, MAX_BATCH);
    if (queue.length > 0) setImmediate(commitBatch);
    committing++;
    try {
      await commitJobs(batch);
    } finally {
      committing--;
      if (committing === 0 && queue.length === 0) for (const settle of whenSettled.splice(0)) settle();
    }
  }

  async function commitJobs(batch: Job[]) {
    const outcomes: (() => void)[] = [];
    try {
      await db.transaction().execute(async (tx) => {
        const statements = statementsOf(tx);
        for (const job of batch) {
          statements.exec('SAVEPOINT action');
          try {
            const value = await job.action(tx);
            statements.exec('RELEASE action');
            outcomes.push(() => job.resolve(value));
          } catch (error) {
            statements.exec('ROLLBACK TO action');
            statements.exec('RELEASE action');
            outcomes.push(() => job.reject(error));
          }
        }
      });
    } catch (error) {
      for (const job of batch) job.reject(error);
      return;
    }
    for (const settle of outcomes) settle();
  }

  const transact: Transact = <T>(action: (tx: Tx) => Promise<T>) =>
    new Promise<T>((resolve, reject) => {
      // The first job of a batch schedules its commit after the requests already read from the sockets.
      if (queue.length === 0) setImmediate(commitBatch);
      queue.push({ action, resolve: resolve as (value: unknown) => void, reject });
    });
  const settled = () =>
    committing === 0 && queue.length === 0 ? Promise.resolve() : new Promise<void>((resolve) => whenSettled.push(resolve));
  return { transact, settled };
}

const committers = new WeakMap<Db, ReturnType<typeof groupCommitter>>();

function committerOf(db: Db) {
  let committer = committers.get(db);
  if (!committer) committers.set(db, (committer = groupCommitter(db)));
  return committer;
}

/** The one group committer of a database (its transactions must not interleave). */
export function groupCommit(db: Db): Transact {
  return committerOf(db).transact;
}

/**
 * Resolves once no action is queued or committing, so that a shutdown closes the database only
 * after every accepted write has committed or rolled back (and its request was answered).
 */
export function commitsSettled(db: Db): Promise<void> {
  return committerOf(db).settled();
}
