import fs from 'node:fs';
import { openStore, type Store } from '../server/src/db/open.ts';

/**
 * Checks in SQL after the renewals: no oversell, and every pool balance equals its ledger. Written
 * on Kysely, so that they read SQLite (`file:…`) and PostgreSQL (`postgres://…`) alike.
 */

export interface LedgerCheck {
  negativePools: number;
  /** Pools whose balance differs from Σ credits (to_pool_id) − Σ debits (from_pool_id). */
  mismatchedPools: number;
  pools: number;
  /** Terms of origin 'renewal' and consume movements written since `baseline`. */
  renewalTerms: number;
  consumeMovements: number;
}

export interface LedgerCounts {
  renewalTerms: number;
  consumeMovements: number;
}

type Db = Store['db'];

async function withStore<T>(databaseUrl: string, read: (db: Db) => Promise<T>): Promise<T> {
  const store = await openStore(databaseUrl, { poolSize: 1 });
  try {
    return await read(store.db);
  } finally {
    await store.close();
  }
}

/** The count a query selects as `n` (a number on both: the store parses PostgreSQL's bigint). */
const count = async (query: { executeTakeFirstOrThrow(): Promise<{ n: number }> }) => Number((await query.executeTakeFirstOrThrow()).n);

async function counts(db: Db): Promise<LedgerCounts> {
  return {
    renewalTerms: await count(db.selectFrom('terms').where('origin', '=', 'renewal').select((eb) => eb.fn.countAll<number>().as('n'))),
    consumeMovements: await count(db.selectFrom('movements').where('kind', '=', 'consume').select((eb) => eb.fn.countAll<number>().as('n'))),
  };
}

export const ledgerCounts = (databaseUrl: string): Promise<LedgerCounts> => withStore(databaseUrl, counts);

export function checkLedger(databaseUrl: string, baseline: LedgerCounts): Promise<LedgerCheck> {
  return withStore(databaseUrl, async (db) => {
    // Σ credits (to_pool_id) and Σ debits (from_pool_id) by pool, as derived tables joined to the pools.
    const sumBy = <A extends string>(column: 'to_pool_id' | 'from_pool_id', alias: A) =>
      db
        .selectFrom('movements')
        .where(column, 'is not', null)
        .groupBy(column)
        .select((eb) => [eb.ref(column).as('id'), eb.fn.sum<number>('quantity').as('q')])
        .as(alias);
    const credits = sumBy('to_pool_id', 'c');
    const debits = sumBy('from_pool_id', 'd');
    const mismatched = db
      .selectFrom('pools as p')
      .leftJoin(credits, 'c.id', 'p.id')
      .leftJoin(debits, 'd.id', 'p.id')
      .where((eb) => eb('p.balance', '!=', eb(eb.fn.coalesce('c.q', eb.lit(0)), '-', eb.fn.coalesce('d.q', eb.lit(0)))))
      .select((eb) => eb.fn.countAll<number>().as('n'));
    const after = await counts(db);
    return {
      negativePools: await count(db.selectFrom('pools').where('balance', '<', 0).select((eb) => eb.fn.countAll<number>().as('n'))),
      mismatchedPools: await count(mismatched),
      pools: await count(db.selectFrom('pools').select((eb) => eb.fn.countAll<number>().as('n'))),
      renewalTerms: after.renewalTerms - baseline.renewalTerms,
      consumeMovements: after.consumeMovements - baseline.consumeMovements,
    };
  });
}

/** Resident and peak memory of a process, in MB, from /proc/<pid>/status. */
export function memoryOf(pid: number): { rssMb: number; peakMb: number } {
  const status = fs.readFileSync(`/proc/${pid}/status`, 'utf8');
  const kb = (field: string) => Number(new RegExp(`^${field}:\\s+(\\d+) kB`, 'm').exec(status)?.[1] ?? NaN);
  return { rssMb: kb('VmRSS') / 1024, peakMb: kb('VmHWM') / 1024 };
}
