import fs from 'node:fs';
import path from 'node:path';

/**
 * "A server uses this database": the server writes `<dbfile>.server.pid` at boot and removes it at
 * shutdown. Restore refuses while a live process holds it; a pid whose process is gone (a crash, a
 * SIGKILL) is stale and ignored. Restore holds the same lock while it swaps files, so a server
 * starting then refuses instead of opening a half-replaced database.
 */

export const lockFileOf = (databaseFile: string) => `${databaseFile}.server.pid`;

export class ServerLockedError extends Error {
  constructor(
    readonly databaseFile: string,
    readonly pid: number,
  ) {
    super(`Process ${pid} (a Cascade server or a restore) uses ${databaseFile}: stop it first (${lockFileOf(databaseFile)})`);
  }
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
  } catch (error) {
    // EPERM: it exists, owned by someone else.
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
  // A killed process its parent has not reaped yet (a zombie) still answers kill(pid, 0).
  try {
    return !/^\d+ \(.*\) Z /s.test(fs.readFileSync(`/proc/${pid}/stat`, 'utf8'));
  } catch {
    return true; // no /proc (macOS): trust kill
  }
}

function pidIn(lockFile: string): number | null {
  try {
    const pid = Number(fs.readFileSync(lockFile, 'utf8').trim());
    return Number.isSafeInteger(pid) && pid > 0 ? pid : null;
  } catch {
    return null;
  }
}

/** The pid of the live process using the database, if any (stale lock files are ignored). */
export function serverUsing(databaseFile: string): number | null {
  const pid = pidIn(lockFileOf(databaseFile));
  return pid !== null && pid !== process.pid && isAlive(pid) ? pid : null;
}

/**
 * Marks the database as used by this process until the returned release is called (or the
 * process exits). Throws ServerLockedError while another live process holds it.
 * A throwaway ':memory:' database has nothing to lock.
 */
export function acquireServerLock(databaseFile: string): () => void {
  if (databaseFile === ':memory:') return () => {};
  const lockFile = lockFileOf(databaseFile);
  fs.mkdirSync(path.dirname(path.resolve(lockFile)), { recursive: true });
  for (let attempt = 0; ; attempt++) {
    try {
      fs.writeFileSync(lockFile, `${process.pid}\n`, { flag: 'wx' });
      break;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST' || attempt > 0) throw error;
      const holder = serverUsing(databaseFile);
      if (holder !== null) throw new ServerLockedError(databaseFile, holder);
      fs.rmSync(lockFile, { force: true }); // stale, or our own from before
    }
  }
  const release = () => {
    if (pidIn(lockFile) === process.pid) fs.rmSync(lockFile, { force: true });
    process.off('exit', release);
  };
  process.on('exit', release);
  return release;
}

/**
 * At boot: waits up to `waitMs` for a previous server on the same database to finish its
 * shutdown (a restart), then takes the lock, or throws ServerLockedError naming the holder.
 */
export async function waitForServerLock(databaseFile: string, waitMs: number): Promise<() => void> {
  const deadline = Date.now() + waitMs;
  for (;;) {
    try {
      return acquireServerLock(databaseFile);
    } catch (error) {
      if (!(error instanceof ServerLockedError) || Date.now() >= deadline) throw error;
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
  }
}
