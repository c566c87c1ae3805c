import fs from 'node:fs';
import path from 'node:path';

/**
 * Which processes use a database file. Every server (several may share one file) and a restore
 * while it swaps files leave a marker `<dbfile>.users/<pid>.<role>` from start to exit. A restore
 * refuses while any other live process uses the database; a server refuses to start while a
 * restore is under way. Markers of processes that are gone (a crash, a SIGKILL) are ignored.
 */

export type DatabaseUser = 'server' | 'restore';

export const usersFolderOf = (databaseFile: string) => `${databaseFile}.users`;
export const markerOf = (databaseFile: string, pid: number, role: DatabaseUser) => path.join(usersFolderOf(databaseFile), `${pid}.${role}`);

export class ServerLockedError extends Error {
  constructor(
    readonly databaseFile: string,
    readonly pid: number,
    readonly role: DatabaseUser,
  ) {
    super(`Process ${pid} (${role === 'server' ? 'a Cascade server' : 'a restore'}) uses ${databaseFile}: ${role === 'server' ? 'stop it first' : 'wait for it to finish'} (${usersFolderOf(databaseFile)})`);
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

/** The live processes other than this one that use the database. */
function otherUsers(databaseFile: string): { pid: number; role: DatabaseUser }[] {
  let names: string[];
  try {
    names = fs.readdirSync(usersFolderOf(databaseFile));
  } catch {
    return [];
  }
  return names.flatMap((name) => {
    const match = /^(\d+)\.(server|restore)$/.exec(name);
    if (!match) return [];
    const pid = Number(match[1]);
    return pid !== process.pid && isAlive(pid) ? [{ pid, role: match[2] as DatabaseUser }] : [];
  });
}

/** The pid of a live process (other than this one) using the database, if any. */
export function serverUsing(databaseFile: string): number | null {
  return otherUsers(databaseFile)[0]?.pid ?? null;
}

/**
 * Marks the database as used by this process, as `role`, until the returned release is called (or
 * the process exits). Throws ServerLockedError when the role may not share it: a restore with any
 * other live user, a server with a restore. A throwaway ':memory:' database has nothing to mark.
 */
export function acquireServerLock(databaseFile: string, role: DatabaseUser = 'server'): () => void {
  if (databaseFile === ':memory:') return () => {};
  const marker = markerOf(databaseFile, process.pid, role);
  fs.mkdirSync(usersFolderOf(databaseFile), { recursive: true });
  fs.writeFileSync(marker, '');
  // Marked first, checked second: of a server and a restore starting together, neither proceeds unseen.
  const blocker = otherUsers(databaseFile).find((user) => role === 'restore' || user.role === 'restore');
  if (blocker) {
    fs.rmSync(marker, { force: true });
    throw new ServerLockedError(databaseFile, blocker.pid, blocker.role);
  }
  const release = () => {
    fs.rmSync(marker, { force: true });
    process.off('exit', release);
  };
  process.on('exit', release);
  return release;
}

/**
 * At boot: waits up to `waitMs` for a restore under way to finish, then marks the database as used
 * by this server, or throws ServerLockedError naming the restore.
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
