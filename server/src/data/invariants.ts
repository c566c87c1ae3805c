import { queriesOf } from './queries.ts';
import { LIVE_TERM } from './subscriptions.ts';
import type { Tx } from './transact.ts';

/** The ledger-wide reads behind the invariants (domain/invariants.ts), run in one snapshot. */

export type PoolRow = { id: number; holder_type: string; holder_id: number; product_id: number; balance: number; ledger: number };

/** Every pool with the sum of its ledger movements (credits − debits). */
export const poolLedgerSums = (tx: Tx) =>
  queriesOf(tx).all<PoolRow>(
    `SELECT p.id, p.holder_type, p.holder_id, p.product_id, p.balance,
       coalesce((SELECT sum(quantity) FROM movements WHERE to_pool_id = p.id), 0)
       - coalesce((SELECT sum(quantity) FROM movements WHERE from_pool_id = p.id), 0) AS ledger
     FROM pools p ORDER BY p.id`,
  );

export type TermRow = {
  id: number;
  subscription_id: number;
  start_date: string;
  end_date: string;
  live: boolean | number;
  payments: number;
  foreign_payments: number;
  consumed: number;
  given_back: number;
};

/** Every term with what its consume and adjust movements add up to. */
export const termPayments = (tx: Tx) =>
  queriesOf(tx).all<TermRow>(
    `SELECT t.id, t.subscription_id, t.start_date, t.end_date, t.${LIVE_TERM} AS live,
       count(CASE WHEN m.kind = 'consume' AND m.reason IS NULL THEN 1 END) AS payments,
       count(CASE WHEN m.kind = 'consume' AND m.subscription_id IS DISTINCT FROM t.subscription_id THEN 1 END) AS foreign_payments,
       coalesce(sum(CASE WHEN m.kind = 'consume' THEN m.quantity END), 0) AS consumed,
       coalesce(sum(CASE WHEN m.kind = 'adjust' THEN m.quantity END), 0) AS given_back
     FROM terms t LEFT JOIN movements m ON m.term_id = t.id
     GROUP BY t.id ORDER BY t.id`,
  );

/** Consume movements that pay for no term. */
export const strayConsumes = (tx: Tx) =>
  queriesOf(tx).all<{ id: number; quantity: number; from_pool_id: number | null }>(
    `SELECT m.id, m.quantity, m.from_pool_id FROM movements m
       WHERE m.kind = 'consume' AND (m.term_id IS NULL OR NOT EXISTS (SELECT 1 FROM terms t WHERE t.id = m.term_id))
       ORDER BY m.id`,
  );

export type OverlapRow = { subscription_id: number; a: number; a_start: string; a_end: string; b: number; b_start: string; b_end: string };

/** Pairs of live terms of one subscription whose dates overlap. */
export const overlappingTerms = (tx: Tx) =>
  queriesOf(tx).all<OverlapRow>(
    `SELECT a.subscription_id, a.id AS a, a.start_date AS a_start, a.end_date AS a_end,
         b.id AS b, b.start_date AS b_start, b.end_date AS b_end
       FROM terms a JOIN terms b ON b.subscription_id = a.subscription_id AND b.id > a.id
       WHERE a.${LIVE_TERM} AND b.${LIVE_TERM} AND a.start_date <= b.end_date AND b.start_date <= a.end_date
       ORDER BY a.subscription_id, a.id, b.id`,
  );
