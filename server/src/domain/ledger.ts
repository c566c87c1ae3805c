import { createPool, creditPool, debitPool, findPool, insertMovement, poolBalance, type Holder, type PoolRef } from '../data/pools.ts';
import type { Tx } from '../data/transact.ts';
import type { MovementKind } from '../db/schema.ts';
import type { ActionContext } from './context.ts';
import { conflict, InsufficientLicensesError, NotFoundError } from './errors.ts';

/**
 * Pools and their ledger. Every balance change goes through `move`, which writes the movement
 * and the balances together, so a pool balance always equals the sum of its ledger rows.
 */

/** The holder's pool for a product, created empty if missing (a failed action rolls the creation back). */
export async function poolFor(tx: Tx, holder: Holder, productId: number): Promise<PoolRef> {
  return (await findPool(tx, holder, productId)) ?? createPool(tx, holder, productId);
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
 * The debit is conditional in the database (see debitPool), so concurrent moves, in this process or
 * another, never oversell; a short pool raises InsufficientLicensesError and the caller's
 * transaction rolls back. Returns the movement id and the debited pool's new balance.
 */
export async function move(tx: Tx, ctx: ActionContext, m: Move): Promise<{ movementId: number; remaining: number | null }> {
  let remaining: number | null = null;
  if (m.fromPoolId !== null) {
    const balance = await debitPool(tx, m.fromPoolId, m.quantity);
    if (balance === undefined) {
      const current = await poolBalance(tx, m.fromPoolId);
      if (current === undefined) throw new NotFoundError('Pool', m.fromPoolId);
      throw new InsufficientLicensesError(m.quantity, current, m.field);
    }
    remaining = balance;
  }
  if (m.toPoolId !== null) await creditPool(tx, m.toPoolId, m.quantity);
  const movementId = await insertMovement(tx, {
    kind: m.kind,
    product_id: m.productId,
    quantity: m.quantity,
    from_pool_id: m.fromPoolId,
    to_pool_id: m.toPoolId,
    subscription_id: m.subscriptionId ?? null,
    client_id: m.clientId ?? null,
    term_id: m.termId ?? null,
    actor: ctx.actor,
    reason: m.reason ?? null,
    created_at: ctx.now,
  });
  return { movementId, remaining };
}

/**
 * `move` for a document's line (an order, a credit note): a short pool is a 409
 * insufficient_licenses naming the product and the shortfall, with `what` saying whose pool it is.
 */
export async function moveLine(tx: Tx, ctx: ActionContext, m: Move, what: string) {
  try {
    return await move(tx, ctx, m);
  } catch (error) {
    if (!(error instanceof InsufficientLicensesError)) throw error;
    const shortfall = error.needed - error.balance;
    throw conflict(`${what}: ${error.needed} licences of product ${m.productId} needed, ${error.balance} in the pool (${shortfall} short)`, 'insufficient_licenses', {
      product_id: m.productId,
      needed: error.needed,
      balance: error.balance,
      shortfall,
    });
  }
}
