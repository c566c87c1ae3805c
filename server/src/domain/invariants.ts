import { overlappingTerms, poolLedgerSums, strayConsumes, termPayments } from '../data/invariants.ts';
import { transact, type Db, type Tx } from '../data/transact.ts';

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

async function poolFaults(tx: Tx): Promise<Fault[]> {
  const faults: Fault[] = [];
  for (const p of await poolLedgerSums(tx)) {
    if (p.balance !== p.ledger) {
      faults.push(fault('pool_balance', `${poolLabel(p)}: balance ${p.balance} but its ledger movements sum to ${p.ledger}`));
    }
    if (p.balance < 0) faults.push(fault('negative_balance', `${poolLabel(p)}: negative balance ${p.balance}`));
  }
  return faults;
}

async function termFaults(tx: Tx): Promise<Fault[]> {
  const faults: Fault[] = [];
  for (const t of await termPayments(tx)) {
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
async function strayConsumeFaults(tx: Tx): Promise<Fault[]> {
  return (await strayConsumes(tx)).map((m) => fault('stray_consume', `movement ${m.id}: consumes ${m.quantity} licenses from pool ${m.from_pool_id} for no term`));
}

async function overlapFaults(tx: Tx): Promise<Fault[]> {
  return (await overlappingTerms(tx)).map((o) =>
    fault('overlapping_terms', `subscription ${o.subscription_id}: live terms ${o.a} (${o.a_start} → ${o.a_end}) and ${o.b} (${o.b_start} → ${o.b_end}) overlap`),
  );
}

/** Every fault of the database, read in one transaction (a consistent snapshot, writers go on). */
export function checkInvariants(db: Db): Promise<Fault[]> {
  return transact(db, async (tx) => (await Promise.all([poolFaults(tx), termFaults(tx), strayConsumeFaults(tx), overlapFaults(tx)])).flat());
}
