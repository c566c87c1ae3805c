import fs from 'node:fs';
import Database from 'better-sqlite3';

/** Checks in SQL after the renewals: no oversell, and every pool balance equals its ledger. */

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

export function ledgerCounts(dbFile: string): LedgerCounts {
  const db = new Database(dbFile, { readonly: true });
  try {
    return {
      renewalTerms: db.prepare("SELECT count(*) FROM terms WHERE origin = 'renewal'").pluck().get() as number,
      consumeMovements: db.prepare("SELECT count(*) FROM movements WHERE kind = 'consume'").pluck().get() as number,
    };
  } finally {
    db.close();
  }
}

export function checkLedger(dbFile: string, baseline: LedgerCounts): LedgerCheck {
  const db = new Database(dbFile, { readonly: true });
  try {
    const pluck = (sql: string) => db.prepare(sql).pluck().get() as number;
    const after = ledgerCounts(dbFile);
    return {
      negativePools: pluck('SELECT count(*) FROM pools WHERE balance < 0'),
      mismatchedPools: pluck(`
        SELECT count(*) FROM pools p
        LEFT JOIN (SELECT to_pool_id AS id, sum(quantity) AS q FROM movements WHERE to_pool_id IS NOT NULL GROUP BY to_pool_id) c ON c.id = p.id
        LEFT JOIN (SELECT from_pool_id AS id, sum(quantity) AS q FROM movements WHERE from_pool_id IS NOT NULL GROUP BY from_pool_id) d ON d.id = p.id
        WHERE p.balance != coalesce(c.q, 0) - coalesce(d.q, 0)`),
      pools: pluck('SELECT count(*) FROM pools'),
      renewalTerms: after.renewalTerms - baseline.renewalTerms,
      consumeMovements: after.consumeMovements - baseline.consumeMovements,
    };
  } finally {
    db.close();
  }
}

/** Resident and peak memory of a process, in MB, from /proc/<pid>/status. */
export function memoryOf(pid: number): { rssMb: number; peakMb: number } {
  const status = fs.readFileSync(`/proc/${pid}/status`, 'utf8');
  const kb = (field: string) => Number(new RegExp(`^${field}:\\s+(\\d+) kB`, 'm').exec(status)?.[1] ?? NaN);
  return { rssMb: kb('VmRSS') / 1024, peakMb: kb('VmHWM') / 1024 };
}
