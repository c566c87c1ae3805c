import { statementsOf } from '../db/connection.ts';
import type { MovementKind } from '../db/schema.ts';
import type { ActionContext, Tx } from './context.ts';
import { InsufficientLicensesError, NotFoundError } from './errors.ts';

/**
 * Pools and their ledger. Every balance change goes through `move`, which writes the movement
 * and the balances together, so a pool balance always equals the sum of its ledger rows.
 */

export interface PoolRef {
  id: number;
  balance: number;
}

export interface Holder {
  partnerId: number;
  /** Null for the partner's own pool. */
  resellerId: number | null;
}

/** The pool of a partner or of one of its resellers for a product, if it exists (reads only). */
export function findPool(tx: Tx, holder: Holder, productId: number): PoolRef | null {
  const pool = statementsOf(tx).get<PoolRef>(
    'SELECT id, balance FROM pools WHERE holder_type = ? AND holder_id = ? AND product_id = ?',
    holder.resellerId === null ? 'partner' : 'reseller',
    holder.resellerId ?? holder.partnerId,
    productId,
  );
  return pool ?? null;
}

/** The holder's pool for a product, created empty if missing (a failed action rolls the creation back). */
export function poolFor(tx: Tx, holder: Holder, productId: number): PoolRef {
  return (
    findPool(tx, holder, productId) ??
    statementsOf(tx).get<PoolRef>(
      'INSERT INTO pools (partner_id, reseller_id, product_id) VALUES (?, ?, ?) RETURNING id, balance',
      holder.partnerId,
      holder.resellerId,
      productId,
    )!
  );
}

export interface Move {
  kind: MovementKind;
  productId: number;
  quantity: number;
  fromPoolId: number | null;
  toPoolId: number | null;
  subscriptionId?: number | null;
  clientId?: number | null;
  termId?: number | null;
  reason?: string | null;
  /** Field named in the error when the debited pool is short. */
  field?: string;
}

/**
 * Moves `quantity` licenses from one pool to another (null = outside the hierarchy) and records it.
 * The debit is conditional (`balance >= quantity`), so concurrent moves never oversell; a short
 * pool raises InsufficientLicensesError and the caller's transaction rolls back.
 * Returns the movement id and the debited pool's new balance.
 */
export function move(tx: Tx, ctx: ActionContext, m: Move): { movementId: number; remaining: number | null } {
  const statements = statementsOf(tx);
  let remaining: number | null = null;
  if (m.fromPoolId !== null) {
    const debited = statements.get<{ balance: number }>(
      'UPDATE pools SET balance = balance - ? WHERE id = ? AND balance >= ? RETURNING balance',
      m.quantity,
      m.fromPoolId,
      m.quantity,
    );
    if (!debited) {
      const pool = statements.get<{ balance: number }>('SELECT balance FROM pools WHERE id = ?', m.fromPoolId);
      if (!pool) throw new NotFoundError('Pool', m.fromPoolId);
      throw new InsufficientLicensesError(m.quantity, pool.balance, m.field);
    }
    remaining = debited.balance;
  }
  if (m.toPoolId !== null) statements.run('UPDATE pools SET balance = balance + ? WHERE id = ?', m.quantity, m.toPoolId);
  const { id } = statements.get<{ id: number }>(
    `INSERT INTO movements (kind, product_id, quantity, from_pool_id, to_pool_id, subscription_id, client_id, term_id, actor, reason, created_at)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id`,
    m.kind,
    m.productId,
    m.quantity,
    m.fromPoolId,
    m.toPoolId,
    m.subscriptionId ?? null,
    m.clientId ?? null,
    m.termId ?? null,
    ctx.actor,
    m.reason ?? null,
    ctx.now,
  )!;
  return { movementId: id, remaining };
}
