import { CompiledQuery, PostgresAdapter } from 'kysely';
import { statementsOf } from '../db/connection.ts';
import type { Tx } from './transact.ts';

/**
 * The data layer's hand-written SQL, one text for both databases: `?` parameters, standard SQL
 * (RETURNING, ON CONFLICT, IS DISTINCT FROM) that SQLite and PostgreSQL read alike.
 * On SQLite each text runs as a cached prepared statement on the transaction's connection (~5 µs,
 * against ~40 µs for a Kysely query: the renewal is the console's hottest write); on PostgreSQL it
 * runs on the transaction's pooled connection, its `?` numbered `$1, $2…`.
 */
export interface Queries {
  get<T>(text: string, ...params: unknown[]): Promise<T | undefined>;
  all<T>(text: string, ...params: unknown[]): Promise<T[]>;
  /** Runs a write; resolves to the number of rows it changed. */
  run(text: string, ...params: unknown[]): Promise<number>;
  /**
   * A SELECT that also locks the rows it read of table `of` until the transaction ends (FOR UPDATE
   * OF). SQLite has no row locks and needs none: its transactions hold the whole database's write
   * lock from their start.
   */
  locking<T>(text: string, of: string, ...params: unknown[]): Promise<T[]>;
}

/** `?, ?, …`: the parameters of an IN list or a VALUES row of `n` values. */
export const placeholders = (n: number) => Array(n).fill('?').join(', ');

const numbered = new Map<string, string>();

/** `a = ? AND b = ?` → `a = $1 AND b = $2` (no `?` appears in Cascade's SQL other than as a parameter). */
function numberedParameters(text: string): string {
  let out = numbered.get(text);
  if (out === undefined) {
    let n = 0;
    out = text.replace(/\?/g, () => `$${++n}`);
    if (numbered.size > 1000) numbered.clear();
    numbered.set(text, out);
  }
  return out;
}

function postgresQueries(tx: Tx): Queries {
  const execute = <T>(text: string, params: unknown[]) => tx.executeQuery<T>(CompiledQuery.raw(numberedParameters(text), params));
  return {
    get: async (text, ...params) => (await execute<never>(text, params)).rows[0],
    all: async (text, ...params) => (await execute<never>(text, params)).rows,
    run: async (text, ...params) => Number((await execute(text, params)).numAffectedRows ?? 0),
    locking: async (text, of, ...params) => (await execute<never>(`${text} FOR UPDATE OF ${of}`, params)).rows,
  };
}

function sqliteQueries(tx: Tx): Queries {
  const statements = statementsOf(tx);
  return {
    get: async (text, ...params) => statements.get(text, ...params),
    all: async (text, ...params) => statements.all(text, ...params),
    run: async (text, ...params) => statements.run(text, ...params).changes,
    locking: async (text, _of, ...params) => statements.all(text, ...params),
  };
}

const cache = new WeakMap<Tx, Queries>();

/** The queries of an open transaction (never of the bare database: see statementsOf). */
export function queriesOf(tx: Tx): Queries {
  let queries = cache.get(tx);
  if (!queries) {
    queries = tx.getExecutor().adapter instanceof PostgresAdapter ? postgresQueries(tx) : sqliteQueries(tx);
    cache.set(tx, queries);
  }
  return queries;
}
