import fs from 'node:fs';
import path from 'node:path';
import SQLite from 'better-sqlite3';
import { Kysely, SqliteDialect, type SqliteDatabase } from 'kysely';
import type { Database } from './schema.ts';

export type Db = Kysely<Database>;

export interface Connection {
  db: Db;
  /** The raw handle, for migrations and bulk jobs that want prepared statements. */
  sqlite: SQLite.Database;
  close(): Promise<void>;
}

/**
 * Kysely prepares every query it runs; preparing costs more than running a small indexed query,
 * so statements are kept by their SQL text (Kysely's SQL for a given query shape is stable).
 * Statements are run synchronously (all/run), never interleaved, so reusing one is safe.
 */
function withStatementCache(sqlite: SQLite.Database, size = 500): SqliteDatabase {
  const statements = new Map<string, SQLite.Statement>();
  return {
    close: () => sqlite.close(),
    prepare(source: string) {
      let statement = statements.get(source);
      if (!statement) {
        statement = sqlite.prepare(source);
        if (statements.size >= size) statements.delete(statements.keys().next().value!);
        statements.set(source, statement);
      }
      return statement;
    },
  };
}

/** Opens (creating if needed) the SQLite file at `file` (':memory:' for a throwaway database). */
export function openDatabase(file: string): Connection {
  if (file !== ':memory:') fs.mkdirSync(path.dirname(path.resolve(file)), { recursive: true });
  const sqlite = new SQLite(file);
  sqlite.pragma('journal_mode = WAL');
  sqlite.pragma('synchronous = NORMAL');
  sqlite.pragma('foreign_keys = ON');
  sqlite.pragma('busy_timeout = 5000');
  // 32 MB of page cache (the default 2 MB re-reads index pages from the OS at 100k clients), and
  // WAL checkpoints every ~40 MB instead of 4 MB: hot pages are rewritten many times between two
  // checkpoints, so rarer checkpoints copy far fewer pages back to the database file.
  sqlite.pragma('cache_size = -32768');
  sqlite.pragma('wal_autocheckpoint = 10000');
  sqlite.pragma('journal_size_limit = 67108864');
  const db = new Kysely<Database>({ dialect: new SqliteDialect({ database: withStatementCache(sqlite) }) });
  return { db, sqlite, close: () => db.destroy() };
}
