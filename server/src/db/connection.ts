import fs from 'node:fs';
import path from 'node:path';
import SQLite from 'better-sqlite3';
import { CompiledQuery, Kysely, SqliteAdapter, SqliteDialect, SqliteDriver, type DatabaseConnection, type DialectAdapter, type SqliteDatabase } from 'kysely';
import type { Db } from './handles.ts';
import type { Database } from './schema.ts';

export interface Connection {
  db: Db;
  /** The raw handle, for migrations and bulk jobs that want prepared statements. */
  sqlite: SQLite.Database;
  /** The database file (':memory:' for a throwaway database). */
  file: string;
  /**
   * Whether another connection (another process: a second server, `npm run renew:auto`) committed
   * since the last call, so what this process keeps in memory may be stale. SQLite's data_version
   * changes exactly then (not for this connection's own commits); reading it costs a microsecond.
   */
  changedElsewhere(): boolean;
  close(): Promise<void>;
}

/**
 * Kysely prepares every query it runs; preparing costs more than running a small indexed query,
 * so statements are kept by their SQL text (Kysely's SQL for a given query shape is stable).
 * Statements are run synchronously (all/run), never interleaved, so reusing one is safe.
 */
function statementCache(sqlite: SQLite.Database, size = 500): (source: string) => SQLite.Statement {
  const statements = new Map<string, SQLite.Statement>();
  return (source) => {
    let statement = statements.get(source);
    if (!statement) {
      statement = sqlite.prepare(source);
      if (statements.size >= size) statements.delete(statements.keys().next().value!);
      statements.set(source, statement);
    }
    return statement;
  };
}

/**
 * The synchronous statements of the connection behind a Kysely instance. The license-moving core
 * (ledger, derived statuses, renewals) runs its few indexed statements through it: each Kysely
 * query costs ~40 µs of building, compiling and promise hops, a prepared statement ~5 µs.
 * Only inside a transaction, where Kysely holds the one connection: a statement run outside
 * one could otherwise slip into another request's open transaction between two of its awaits.
 */
export interface Statements {
  get<T>(source: string, ...params: unknown[]): T | undefined;
  all<T>(source: string, ...params: unknown[]): T[];
  run(source: string, ...params: unknown[]): SQLite.RunResult;
  exec(source: string): void;
}

/** Kysely's SQLite adapter, carrying the connection's statements so that transactions reach them. */
class StatementsAdapter extends SqliteAdapter {
  constructor(readonly statements: Statements) {
    super();
  }
}

export function statementsOf(tx: Kysely<Database>): Statements {
  if (!tx.isTransaction) throw new Error('Synchronous statements run inside a transaction only');
  const adapter: DialectAdapter = tx.getExecutor().adapter;
  if (!(adapter instanceof StatementsAdapter)) throw new Error('Not a Cascade database connection');
  return adapter.statements;
}

/**
 * Transactions take the write lock when they begin (BEGIN IMMEDIATE), not at their first write: a
 * transaction that read, then finds that another process (a second server, `npm run renew:auto`)
 * committed meanwhile, could only fail (SQLITE_BUSY, a 500); taken first, the lock makes it wait
 * its turn (busy_timeout) and then read what the other process wrote.
 */
class ImmediateTransactions extends SqliteDriver {
  override async beginTransaction(connection: DatabaseConnection) {
    await connection.executeQuery(CompiledQuery.raw('begin immediate'));
  }
}

/** Opens (creating if needed) the SQLite file at `file` (':memory:' for a throwaway database). */
export function openDatabase(file: string): Connection {
  if (file !== ':memory:') fs.mkdirSync(path.dirname(path.resolve(file)), { recursive: true });
  const sqlite = new SQLite(file);
  sqlite.pragma('journal_mode = WAL');
  sqlite.pragma('synchronous = NORMAL');
  sqlite.pragma('foreign_keys = ON');
  sqlite.pragma('busy_timeout = 5000');
  // 16 MB of page cache (the default 2 MB re-reads index pages from the OS at 100k clients; more
  // did not make renewals faster, their cost is CPU, and it counts in the server's memory). The
  // server checkpoints from a thread of its own (checkpoints.ts); this connection's automatic
  // checkpoint, at ~40 MB of WAL instead of 4 MB, is for the CLIs and the safety net.
  sqlite.pragma('cache_size = -16384');
  sqlite.pragma('wal_autocheckpoint = 10000');
  sqlite.pragma('journal_size_limit = 67108864');
  const prepare = statementCache(sqlite);
  const statements: Statements = {
    get: (source, ...params) => prepare(source).get(...params) as never,
    all: (source, ...params) => prepare(source).all(...params) as never,
    run: (source, ...params) => prepare(source).run(...params),
    exec: (source) => void sqlite.exec(source),
  };
  const database: SqliteDatabase = { close: () => sqlite.close(), prepare };
  const config = { database };
  class Dialect extends SqliteDialect {
    createAdapter() {
      return new StatementsAdapter(statements);
    }
    createDriver() {
      return new ImmediateTransactions(config);
    }
  }
  const db = new Kysely<Database>({ dialect: new Dialect(config) });
  const dataVersionStatement = sqlite.prepare('PRAGMA data_version').pluck();
  const dataVersion = () => dataVersionStatement.get() as number;
  let seenVersion = dataVersion();
  const changedElsewhere = () => {
    const version = dataVersion();
    if (version === seenVersion) return false;
    seenVersion = version;
    return true;
  };
  return { db, sqlite, file, changedElsewhere, close: () => db.destroy() };
}
