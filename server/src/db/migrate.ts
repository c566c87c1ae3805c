import fs from 'node:fs';
import path from 'node:path';
import type SQLite from 'better-sqlite3';
import { sql } from 'kysely';
import type { Db } from './handles.ts';
import { MIGRATIONS_DIR } from '../paths.ts';

/** A database this build cannot (or could not) bring up to date; the message is for the operator. */
export class MigrationError extends Error {
  override name = 'MigrationError';
}

/** The migration files of this build, in the order they apply. */
export function migrationFiles(dir = MIGRATIONS_DIR): string[] {
  return fs
    .readdirSync(dir)
    .filter((f) => f.endsWith('.sql'))
    .sort();
}

/** A database carrying a migration this build does not know: a newer Cascade wrote it. */
export class NewerDatabaseError extends MigrationError {
  constructor(readonly migration: string) {
    super(`database was migrated by a newer Cascade (unknown migration ${migration})`);
  }
}

/**
 * The files of `dir` still to apply to a database that has `applied`, in order. Throws
 * NewerDatabaseError when it has one this build does not know: this code cannot know what it changed.
 */
export function pendingMigrations(applied: readonly string[], dir = MIGRATIONS_DIR): string[] {
  const files = migrationFiles(dir);
  const known = new Set(files);
  const unknown = applied.find((name) => !known.has(name));
  if (unknown) throw new NewerDatabaseError(unknown);
  const done = new Set(applied);
  return files.filter((f) => !done.has(f));
}

/** The names of the migrations applied to the database, read through its Kysely handle (for readiness). */
export async function appliedMigrationNames(db: Db): Promise<Set<string>> {
  const { rows } = await sql<{ name: string }>`SELECT name FROM schema_migrations`.execute(db);
  return new Set(rows.map((row) => row.name));
}

function appliedMigrations(sqlite: SQLite.Database): string[] {
  return sqlite.prepare('SELECT name FROM schema_migrations ORDER BY name').pluck().all() as string[];
}

/**
 * Applies the forward-only migrations of db/migrations/sqlite not yet applied, in file-name order,
 * each in its own transaction (a failing one leaves nothing of itself behind). Returns the names
 * applied. A database from a newer Cascade is refused untouched (pendingMigrations).
 */
export function migrate(sqlite: SQLite.Database, dir = MIGRATIONS_DIR): string[] {
  sqlite.exec(`CREATE TABLE IF NOT EXISTS schema_migrations (
    name TEXT PRIMARY KEY, applied_at TEXT NOT NULL) STRICT`);
  const pending = pendingMigrations(appliedMigrations(sqlite), dir);
  const record = sqlite.prepare('INSERT INTO schema_migrations (name, applied_at) VALUES (?, ?)');
  for (const name of pending) {
    const sql = fs.readFileSync(path.join(dir, name), 'utf8');
    try {
      sqlite.transaction(() => {
        sqlite.exec(sql);
        record.run(name, new Date().toISOString());
      })();
    } catch (error) {
      throw new MigrationError(`migration ${name} failed: ${(error as Error).message}`, { cause: error });
    }
  }
  return pending;
}

