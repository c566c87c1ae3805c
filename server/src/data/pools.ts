import type { Selectable } from 'kysely';
import type { MovementsTable } from '../db/schema.ts';
import { queriesOf } from './queries.ts';
import type { Tx } from './transact.ts';

/** Pools and their ledger rows: the only SQL that moves licenses. */

export interface PoolRef {
  id: number;
  balance: number;
}

/** A pool's holder: a partner's own pool (resellerId null) or one of its resellers'. */
export interface Holder {
  partnerId: number;
  resellerId: number | null;
}

export function findPool(tx: Tx, holder: Holder, productId: number): Promise<PoolRef | undefined> {
  return queriesOf(tx).get<PoolRef>(
    'SELECT id, balance FROM pools WHERE holder_type = ? AND holder_id = ? AND product_id = ?',
    holder.resellerId === null ? 'partner' : 'reseller',
    holder.resellerId ?? holder.partnerId,
    productId,
  );
}

/**
 * Creates the holder's empty pool for a product, or finds the one another transaction created
 * meanwhile (the unique holder/product index makes the second insert a no-op, never an error).
 */
export async function createPool(tx: Tx, holder: Holder, productId: number): Promise<PoolRef> {
  const created = await queriesOf(tx).get<PoolRef>(
    `INSERT INTO pools (partner_id, reseller_id, product_id) VALUES (?, ?, ?)
     ON CONFLICT DO NOTHING RETURNING id, balance`,
    holder.partnerId,
    holder.resellerId,
    productId,
  );
  return created ?? (await findPool(tx, holder, productId))!;
}

export async function poolBalance(tx: Tx, poolId: number): Promise<number | undefined> {
  return (await queriesOf(tx).get<{ balance: number }>('SELECT balance FROM pools WHERE id = ?', poolId))?.balance;
}

/**
 * Takes `quantity` from a pool only if it holds them: the check and the write are one statement,
 * so two transactions debiting at once cannot both pass it (the second waits for the first's row
 * lock, then re-reads the balance). Resolves to the new balance, or undefined when the pool is short.
 */
export async function debitPool(tx: Tx, poolId: number, quantity: number): Promise<number | undefined> {
  const row = await queriesOf(tx).get<{ balance: number }>(
    'UPDATE pools SET balance = balance - ? WHERE id = ? AND balance >= ? RETURNING balance',
    quantity,
    poolId,
    quantity,
  );
  return row?.balance;
}

export async function creditPool(tx: Tx, poolId: number, quantity: number): Promise<void> {
  await queriesOf(tx).run('UPDATE pools SET balance = balance + ? WHERE id = ?', quantity, poolId);
}

/** A ledger row as written: every column but its id. */
export type MovementRow = Omit<Selectable<MovementsTable>, 'id'>;

/** Appends a ledger row; resolves to its id. */
export async function insertMovement(tx: Tx, m: MovementRow): Promise<number> {
  const row = await queriesOf(tx).get<{ id: number }>(
    `INSERT INTO movements (kind, product_id, quantity, from_pool_id, to_pool_id, subscription_id, client_id, term_id, actor, reason, created_at)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id`,
    m.kind,
    m.product_id,
    m.quantity,
    m.from_pool_id,
    m.to_pool_id,
    m.subscription_id,
    m.client_id,
    m.term_id,
    m.actor,
    m.reason,
    m.created_at,
  );
  return row!.id;
}
