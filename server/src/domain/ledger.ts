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
export async function findPool(tx: Tx, holder: Holder, productId: number): Promise<PoolRef | null> {
  const pool = await tx
    .selectFrom('pools')
    .select(['id', 'balance'])
    .where('holder_type', '=', holder.resellerId === null ? 'partner' : 'reseller')
    .where('holder_id', '=', holder.resellerId ?? holder.partnerId)
    .where('product_id', '=', productId)
    .executeTakeFirst();
  return pool ?? null;
}

/** The holder's pool for a product, created empty if missing (a failed action rolls the creation back). */
export async function poolFor(tx: Tx, holder: Holder, productId: number): Promise<PoolRef> {
  const existing = await findPool(tx, holder, productId);
  if (existing) return existing;
  const created = await tx
    .insertInto('pools')
    .values({ partner_id: holder.partnerId, reseller_id: holder.resellerId, product_id: productId })
    .returning(['id', 'balance'])
    .executeTakeFirstOrThrow();
  return created;
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
export async function move(tx: Tx, ctx: ActionContext, m: Move): Promise<{ movementId: number; remaining: number | null }> {
  let remaining: number | null = null;
  if (m.fromPoolId !== null) {
    const debited = await tx
      .updateTable('pools')
      .set((eb) => ({ balance: eb('balance', '-', m.quantity) }))
      .where('id', '=', m.fromPoolId)
      .where('balance', '>=', m.quantity)
      .returning('balance')
      .executeTakeFirst();
    if (!debited) {
      const pool = await tx.selectFrom('pools').select('balance').where('id', '=', m.fromPoolId).executeTakeFirst();
      if (!pool) throw new NotFoundError('Pool', m.fromPoolId);
      throw new InsufficientLicensesError(m.quantity, pool.balance, m.field);
    }
    remaining = debited.balance;
  }
  if (m.toPoolId !== null) {
    await tx
      .updateTable('pools')
      .set((eb) => ({ balance: eb('balance', '+', m.quantity) }))
      .where('id', '=', m.toPoolId)
      .execute();
  }
  const { id } = await tx
    .insertInto('movements')
    .values({
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
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return { movementId: id, remaining };
}
