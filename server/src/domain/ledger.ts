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

/** The pool of a partner (resellerId null) or of one of its resellers for a product, created empty if missing. */
export async function poolFor(
  tx: Tx,
  holder: { partnerId: number; resellerId: number | null },
  productId: number,
): Promise<PoolRef> {
  const holderType = holder.resellerId === null ? 'partner' : 'reseller';
  const holderId = holder.resellerId ?? holder.partnerId;
  const find = () =>
    tx
      .selectFrom('pools')
      .select(['id', 'balance'])
      .where('holder_type', '=', holderType)
      .where('holder_id', '=', holderId)
      .where('product_id', '=', productId)
      .executeTakeFirst();
  const existing = await find();
  if (existing) return existing;
  await tx
    .insertInto('pools')
    .values({ partner_id: holder.partnerId, reseller_id: holder.resellerId, product_id: productId })
    .execute();
  return (await find())!;
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
