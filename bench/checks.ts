import fs from 'node:fs';
import { poolLedgerSums } from '../server/src/data/invariants.ts';
import { transact } from '../server/src/data/transact.ts';
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
    // The server's own sums (what npm run check verifies): each pool beside Σ credits − Σ debits.
    const pools = await transact(db, poolLedgerSums);
    const after = await counts(db);
    return {
      negativePools: pools.filter((p) => p.balance < 0).length,
      mismatchedPools: pools.filter((p) => p.balance !== p.ledger).length,
      pools: pools.length,
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
