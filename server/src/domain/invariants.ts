import type { Db } from '../db/connection.ts';
import { statementsOf } from '../db/connection.ts';
import type { Tx } from './context.ts';
import { LIVE_TERM } from './terms.ts';

/**
 * The ledger's invariants (DESIGN §8, `npm run check`): what must hold whatever the input, the load
 * or a crash. Each broken one is a fault: a sentence naming the rows, for an operator to act on.
 *
 * - every pool balance equals the sum of its ledger movements (credits − debits);
 * - no pool balance is negative;
 * - every live term is paid by exactly one consume movement; an undone term's consumes are all
 *   given back by `adjust` movements (its undo);
 * - no two live terms of one subscription overlap.
 *
 * A term's payment is its consume movement without a reason; seat additions during the term are
 * further consume movements that carry one ("seats 3 → 5", domain/subscriptions.ts).
 */

export type FaultKind = 'pool_balance' | 'negative_balance' | 'term_payment' | 'undo_refund' | 'overlapping_terms' | 'stray_consume';

export interface Fault {
  kind: FaultKind;
  message: string;
}

const fault = (kind: FaultKind, message: string): Fault => ({ kind, message });

function poolLabel(p: { id: number; holder_type: string; holder_id: number; product_id: number }) {
  return `pool ${p.id} (${p.holder_type} ${p.holder_id}, product ${p.product_id})`;
}

type PoolRow = { id: number; holder_type: string; holder_id: number; product_id: number; balance: number; ledger: number };

function poolFaults(tx: Tx): Fault[] {
  const pools = statementsOf(tx).all<PoolRow>(
    `SELECT p.id, p.holder_type, p.holder_id, p.product_id, p.balance,
       coalesce((SELECT sum(quantity) FROM movements WHERE to_pool_id = p.id), 0)
       - coalesce((SELECT sum(quantity) FROM movements WHERE from_pool_id = p.id), 0) AS ledger
     FROM pools p ORDER BY p.id`,
  );
  const faults: Fault[] = [];
  for (const p of pools) {
    if (p.balance !== p.ledger) {
      faults.push(fault('pool_balance', `${poolLabel(p)}: balance ${p.balance} but its ledger movements sum to ${p.ledger}`));
    }
    if (p.balance < 0) faults.push(fault('negative_balance', `${poolLabel(p)}: negative balance ${p.balance}`));
  }
  return faults;
}

type TermRow = {
  id: number;
  subscription_id: number;
  start_date: string;
  end_date: string;
  live: number;
  payments: number;
  foreign_payments: number;
  consumed: number;
  given_back: number;
};

function termFaults(tx: Tx): Fault[] {
  const terms = statementsOf(tx).all<TermRow>(
    `SELECT t.id, t.subscription_id, t.start_date, t.end_date, t.${LIVE_TERM} AS live,
       count(CASE WHEN m.kind = 'consume' AND m.reason IS NULL THEN 1 END) AS payments,
       count(CASE WHEN m.kind = 'consume' AND m.subscription_id IS NOT t.subscription_id THEN 1 END) AS foreign_payments,
       coalesce(sum(CASE WHEN m.kind = 'consume' THEN m.quantity END), 0) AS consumed,
       coalesce(sum(CASE WHEN m.kind = 'adjust' THEN m.quantity END), 0) AS given_back
     FROM terms t LEFT JOIN movements m ON m.term_id = t.id
     GROUP BY t.id ORDER BY t.id`,
  );
  const faults: Fault[] = [];
  for (const t of terms) {
    const label = `term ${t.id} (subscription ${t.subscription_id}, ${t.start_date} → ${t.end_date})`;
    if (t.foreign_payments > 0) {
      faults.push(fault('term_payment', `${label}: ${t.foreign_payments} consume movement(s) name another subscription`));
    }
    if (t.live) {
      if (t.payments !== 1) faults.push(fault('term_payment', `${label}: live but paid by ${t.payments} consume movements instead of 1`));
      if (t.given_back > 0) faults.push(fault('undo_refund', `${label}: live but ${t.given_back} licenses were given back for it`));
    } else if (t.given_back !== t.consumed) {
      faults.push(fault('undo_refund', `${label}: undone, consumed ${t.consumed} licenses but ${t.given_back} were given back`));
    }
  }
  return faults;
}

/** A consume movement pays for a term; one that names none took licenses for nothing. */
function strayConsumeFaults(tx: Tx): Fault[] {
  return statementsOf(tx)
    .all<{ id: number; quantity: number; from_pool_id: number | null }>(
      `SELECT m.id, m.quantity, m.from_pool_id FROM movements m
       WHERE m.kind = 'consume' AND (m.term_id IS NULL OR NOT EXISTS (SELECT 1 FROM terms t WHERE t.id = m.term_id))
       ORDER BY m.id`,
    )
    .map((m) => fault('stray_consume', `movement ${m.id}: consumes ${m.quantity} licenses from pool ${m.from_pool_id} for no term`));
}

type OverlapRow = { subscription_id: number; a: number; a_start: string; a_end: string; b: number; b_start: string; b_end: string };

function overlapFaults(tx: Tx): Fault[] {
  return statementsOf(tx)
    .all<OverlapRow>(
      `SELECT a.subscription_id, a.id AS a, a.start_date AS a_start, a.end_date AS a_end,
         b.id AS b, b.start_date AS b_start, b.end_date AS b_end
       FROM terms a JOIN terms b ON b.subscription_id = a.subscription_id AND b.id > a.id
       WHERE a.${LIVE_TERM} AND b.${LIVE_TERM} AND a.start_date <= b.end_date AND b.start_date <= a.end_date
       ORDER BY a.subscription_id, a.id, b.id`,
    )
    .map((o) =>
      fault(
        'overlapping_terms',
        `subscription ${o.subscription_id}: live terms ${o.a} (${o.a_start} → ${o.a_end}) and ${o.b} (${o.b_start} → ${o.b_end}) overlap`,
      ),
    );
}

/** Every fault of the database, read in one transaction (a consistent snapshot, writers go on). */
export function checkInvariants(db: Db): Promise<Fault[]> {
  return db.transaction().execute(async (tx) => [...poolFaults(tx), ...termFaults(tx), ...strayConsumeFaults(tx), ...overlapFaults(tx)]);
}
