import fs from 'node:fs';
import path from 'node:path';
import SQLite from 'better-sqlite3';
import { NewerDatabaseError, pendingMigrations } from './migrate.ts';
import { acquireServerLock } from './serverLock.ts';

/**
 * Online backup and restore of the SQLite database (DESIGN §8). A backup is SQLite's backup API
 * copying every page in one step, that is inside one read transaction: a consistent snapshot of the
 * last commit, taken while the server goes on writing (WAL readers do not block writers).
 * Files are written beside their destination and renamed into place, so a crash never leaves
 * half a database under the final name.
 */

export class OperationRefusedError extends Error {}

export interface DatabaseSummary {
  /** The last migration applied: which version of Cascade wrote it. */
  migration: string;
  migrations: number;
  bytes: number;
  pools: number;
  movements: number;
}

/** Whether `file` is a sound Cascade database (integrity_check, schema_migrations); what it holds. */
export function inspectDatabase(file: string): DatabaseSummary {
  if (!fs.existsSync(file)) throw new OperationRefusedError(`${file} does not exist`);
  let sqlite: SQLite.Database;
  try {
    // Not read-only: a read-only connection to a WAL database leaves its -wal and -shm behind.
    sqlite = new SQLite(file, { fileMustExist: true });
  } catch (error) {
    throw new OperationRefusedError(`${file} is not a SQLite database: ${(error as Error).message}`);
  }
  try {
    const integrity = (() => {
      try {
        return sqlite.pragma('integrity_check', { simple: false }) as { integrity_check: string }[];
      } catch (error) {
        return [{ integrity_check: (error as Error).message }];
      }
    })();
    if (integrity.length !== 1 || integrity[0].integrity_check !== 'ok') {
      throw new OperationRefusedError(`${file} fails SQLite's integrity check: ${integrity.slice(0, 3).map((r) => r.integrity_check).join('; ')}`);
    }
    const hasMigrations = sqlite.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'schema_migrations'").get();
    const migrations = hasMigrations ? (sqlite.prepare('SELECT name FROM schema_migrations ORDER BY name').pluck().all() as string[]) : [];
    if (migrations.length === 0 || !migrations[0].startsWith('0001_')) {
      throw new OperationRefusedError(`${file} is not a Cascade database (no schema_migrations)`);
    }
    // Restored, it could not be started: the server refuses a database it cannot know the shape of.
    try {
      pendingMigrations(migrations);
    } catch (error) {
      if (!(error instanceof NewerDatabaseError)) throw error;
      throw new OperationRefusedError(`${file} was written by a newer Cascade (unknown migration ${error.migration}): upgrade Cascade first`);
    }
    const counts = sqlite.prepare('SELECT (SELECT count(*) FROM pools) AS pools, (SELECT count(*) FROM movements) AS movements').get() as { pools: number; movements: number };
    return { migration: migrations.at(-1)!, migrations: migrations.length, bytes: fs.statSync(file).size, ...counts };
  } finally {
    sqlite.close();
  }
}

/** Copies the database at `source` to `target` through the backup API, in one step. */
async function copyDatabase(source: string, target: string): Promise<void> {
  const sqlite = new SQLite(source, { fileMustExist: true });
  try {
    sqlite.pragma('busy_timeout = 5000');
    await sqlite.backup(target, { progress: () => 0x7fffffff });
  } finally {
    sqlite.close();
  }
}

/** A backup is one file: out of WAL mode, so that copying or opening it never needs a -wal beside it. */
function selfContained(file: string) {
  const sqlite = new SQLite(file, { fileMustExist: true });
  try {
    sqlite.pragma('journal_mode = DELETE');
  } finally {
    sqlite.close();
  }
}

const temporaryBeside = (file: string, purpose: string) => `${file}.${purpose}-${process.pid}`;

/** Removes a file and the -wal/-shm SQLite may keep beside it. */
function removeDatabaseFiles(file: string) {
  for (const f of [file, `${file}-wal`, `${file}-shm`, `${file}-journal`]) fs.rmSync(f, { force: true });
}

/**
 * An online, consistent copy of the database at `source` into `target`. An existing target is
 * refused unless `force` (an old backup is never overwritten by mistake).
 */
export async function backupDatabase(source: string, target: string, options: { force?: boolean } = {}): Promise<DatabaseSummary> {
  if (!fs.existsSync(source)) throw new OperationRefusedError(`No database at ${source}`);
  if (path.resolve(target) === path.resolve(source)) throw new OperationRefusedError(`${target} is the database itself: back up to another file`);
  if (fs.existsSync(target) && !options.force) throw new OperationRefusedError(`${target} already exists (add --force to overwrite it)`);
  if (!fs.existsSync(path.dirname(path.resolve(target)))) throw new OperationRefusedError(`The folder of ${target} does not exist`);
  const partial = temporaryBeside(target, 'partial');
  removeDatabaseFiles(partial);
  try {
    await copyDatabase(source, partial);
    selfContained(partial);
    const summary = inspectDatabase(partial);
    removeDatabaseFiles(target);
    fs.renameSync(partial, target);
    return summary;
  } finally {
    removeDatabaseFiles(partial);
  }
}

export interface RestoreReport extends DatabaseSummary {
  /** Where the replaced database (with its -wal and -shm) was moved, if there was one. */
  previous: string | null;
}

/**
 * Puts the backup `source` in place of the database `target`: refused unless `source` is a sound
 * Cascade database, and while a server uses `target` (marked as restoring meanwhile, so none starts).
 * The replaced database is moved aside with its -wal and -shm, never deleted, and no stale -wal
 * stays next to the restored file (SQLite would replay it into the wrong database).
 */
export async function restoreDatabase(source: string, target: string, now = new Date()): Promise<RestoreReport> {
  inspectDatabase(source);
  const release = acquireServerLock(target, 'restore');
  const incoming = temporaryBeside(target, 'restoring');
  try {
    removeDatabaseFiles(incoming);
    await copyDatabase(source, incoming);
    const summary = inspectDatabase(incoming);
    let previous: string | null = null;
    if (fs.existsSync(target)) {
      previous = `${target}.before-restore-${now.toISOString().replace(/[:.]/g, '-')}`;
      for (const suffix of ['', '-wal', '-shm']) {
        if (fs.existsSync(target + suffix)) fs.renameSync(target + suffix, previous + suffix);
      }
    }
    for (const suffix of ['-wal', '-shm', '-journal']) fs.rmSync(target + suffix, { force: true });
    fs.renameSync(incoming, target);
    return { ...summary, previous };
  } finally {
    removeDatabaseFiles(incoming);
    release();
  }
}
