import fs from 'node:fs';
import path from 'node:path';
import type SQLite from 'better-sqlite3';
import { MIGRATIONS_DIR } from '../paths.ts';

/**
 * Applies the forward-only migrations of db/migrations not yet applied, in file-name order,
 * each in its own transaction. Returns the names applied.
 */
export function migrate(sqlite: SQLite.Database, dir = MIGRATIONS_DIR): string[] {
  sqlite.exec(`CREATE TABLE IF NOT EXISTS schema_migrations (
    name TEXT PRIMARY KEY, applied_at TEXT NOT NULL) STRICT`);
  const applied = new Set(
    sqlite.prepare('SELECT name FROM schema_migrations').pluck().all() as string[],
  );
  const pending = fs
    .readdirSync(dir)
    .filter((f) => f.endsWith('.sql') && !applied.has(f))
    .sort();
  const record = sqlite.prepare('INSERT INTO schema_migrations (name, applied_at) VALUES (?, ?)');
  for (const name of pending) {
    const sql = fs.readFileSync(path.join(dir, name), 'utf8');
    sqlite.transaction(() => {
      sqlite.exec(sql);
      record.run(name, new Date().toISOString());
    })();
  }
  return pending;
}
