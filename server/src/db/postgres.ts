import fs from 'node:fs';
import path from 'node:path';
import { Kysely, PostgresDialect } from 'kysely';
import pg from 'pg';
import { POSTGRES_MIGRATIONS_DIR } from '../paths.ts';
import { MigrationError, pendingMigrations } from './migrate.ts';
import type { Database } from './schema.ts';

/** PostgreSQL's OIDs of the types read back as numbers. */
const INT8 = 20;
const NUMERIC = 1700;

/**
 * pg hands BIGINT and NUMERIC back as strings (they may exceed a double). Cascade's ids, counts
 * (COUNT(*) is a bigint) and sums (SUM of a bigint is a numeric) are far below 2^53: read them as
 * numbers, as better-sqlite3 does, so the domain sees one type whatever the database. A value that
 * would lose precision fails loudly instead of being rounded.
 */
function numberTypes(): pg.TypeOverrides {
  const types = new pg.TypeOverrides();
  types.setTypeParser(INT8, (text: string) => {
    const value = Number(text);
    if (!Number.isSafeInteger(value)) throw new RangeError(`bigint ${text} does not fit in a JavaScript number`);
    return value;
  });
  types.setTypeParser(NUMERIC, (text: string) => Number(text));
  return types;
}

export interface PostgresConnection {
  db: Kysely<Database>;
  /** The pool behind `db`, for migrations and bulk copies. */
  pool: pg.Pool;
  /** Ends every connection of the pool. */
  close(): Promise<void>;
}

/**
 * A Kysely instance over a pool of `poolSize` connections to `url` (postgres://user:pass@host:port/db),
 * named `applicationName` (the change notifications carry it: see db/open.ts).
 * The overrides of the number types are the pool's own, not pg's process-wide defaults.
 * `idleTimeoutMillis` (pg's default: 10 s) closes connections left idle that long; tests, which open
 * a database per test and seldom close it, set it low so that the server's connections do not pile up.
 */
export function openPostgres(
  url: string,
  poolSize: number,
  { applicationName = 'cascade', idleTimeoutMillis }: { applicationName?: string; idleTimeoutMillis?: number } = {},
): PostgresConnection {
  if (!/^postgres(ql)?:\/\//.test(url)) throw new Error(`a PostgreSQL URL starts with postgres:// (got ${url.split(':')[0]}:)`);
  if (!Number.isInteger(poolSize) || poolSize < 1) throw new Error(`pool size must be a positive integer (got ${poolSize})`);
  const pool = new pg.Pool({ connectionString: url, max: poolSize, types: numberTypes(), application_name: applicationName, idleTimeoutMillis });
  // An idle connection that the server drops (restart, failover) emits 'error' on the pool; unheard,
  // it would end the process. The pool discards that connection and the next query opens another.
  pool.on('error', () => {});
  const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
  // Ending the pool itself: Kysely ends it only if it ran a query (a pool used for migrations alone
  // would keep its connections until their idle timeout).
  return { db, pool, close: () => (pool.ended ? Promise.resolve() : pool.end()) };
}

/**
 * Sets `table`'s id sequence past the ids it holds (after rows were written with their own ids:
 * a copy, a bulk load), so that the next insert does not collide with them. `table` is one of the
 * schema's own names, never input.
 */
export const sequencePastIdsSql = (table: string) =>
  `SELECT setval(pg_get_serial_sequence('"${table}"', 'id'), greatest((SELECT max(id) FROM "${table}"), 1), (SELECT count(*) > 0 FROM "${table}"))`;

/** Any constant: the advisory lock that lets one process at a time migrate a database. */
const MIGRATION_LOCK = 0x6361_7363; // 'casc'

/**
 * The PostgreSQL twin of migrate(): applies the migrations of db/migrations/postgres not yet applied,
 * in file-name order, each in its own transaction (a failing one leaves nothing of itself behind,
 * and the error names it). Returns the names applied. A database carrying a migration this build
 * does not know was written by a newer Cascade: it is refused untouched. Several servers starting
 * at once on one database take turns (an advisory lock), so each migration applies once.
 */
export async function migratePostgres(pool: pg.Pool, dir = POSTGRES_MIGRATIONS_DIR): Promise<string[]> {
  const client = await pool.connect();
  try {
    await client.query('SELECT pg_advisory_lock($1)', [MIGRATION_LOCK]);
    try {
      await client.query('CREATE TABLE IF NOT EXISTS schema_migrations (name text PRIMARY KEY, applied_at text NOT NULL)');
      const { rows } = await client.query<{ name: string }>('SELECT name FROM schema_migrations ORDER BY name');
      const pending = pendingMigrations(rows.map((row) => row.name), dir);
      for (const name of pending) {
        const sql = fs.readFileSync(path.join(dir, name), 'utf8');
        try {
          await client.query('BEGIN');
          await client.query(sql);
          await client.query('INSERT INTO schema_migrations (name, applied_at) VALUES ($1, $2)', [name, new Date().toISOString()]);
          await client.query('COMMIT');
        } catch (error) {
          await client.query('ROLLBACK').catch(() => {});
          throw new MigrationError(`migration ${name} failed: ${(error as Error).message}`, { cause: error });
        }
      }
      return pending;
    } finally {
      await client.query('SELECT pg_advisory_unlock($1)', [MIGRATION_LOCK]).catch(() => {});
    }
  } finally {
    client.release();
  }
}
