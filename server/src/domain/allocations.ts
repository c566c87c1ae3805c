import type { ActionContext } from './context.ts';
import type { Tx } from '../data/transact.ts';
import { move, poolFor } from './ledger.ts';
import { requirePartner, requireProduct, requireReseller } from './hierarchy.ts';
import { requireRole } from './access.ts';

/** Publisher → partner: new licenses enter the hierarchy. Admins only. */
export async function grantLicenses(
  tx: Tx,
  ctx: ActionContext,
  input: { product_id: number; partner_id: number; quantity: number; reason?: string | null },
) {
  requireRole(ctx.scope, ['admin'], 'grant licenses');
  await requireProduct(tx, input.product_id);
  await requirePartner(tx, input.partner_id, ctx.scope);
  const pool = await poolFor(tx, { partnerId: input.partner_id, resellerId: null }, input.product_id);
  const { movementId } = await move(tx, ctx, {
    kind: 'grant',
    productId: input.product_id,
    quantity: input.quantity,
    fromPoolId: null,
    toPoolId: pool.id,
    reason: input.reason ?? null,
  });
  return { movementId, poolId: pool.id };
}

/**
 * Partner → its reseller (positive quantity, `allocate`) or back (negative, `reclaim`), by that
 * partner or an admin. The debited pool must hold the quantity.
 */
export async function allocateLicenses(
  tx: Tx,
  ctx: ActionContext,
  input: { product_id: number; reseller_id: number; quantity: number },
) {
  requireRole(ctx.scope, ['admin', 'partner'], 'allocate licenses');
  await requireProduct(tx, input.product_id);
  const reseller = await requireReseller(tx, input.reseller_id, ctx.scope);
  const partnerPool = await poolFor(tx, { partnerId: reseller.partner_id, resellerId: null }, input.product_id);
  const resellerPool = await poolFor(tx, { partnerId: reseller.partner_id, resellerId: reseller.id }, input.product_id);
  const reclaim = input.quantity < 0;
  const { movementId } = await move(tx, ctx, {
    kind: reclaim ? 'reclaim' : 'allocate',
    productId: input.product_id,
    quantity: Math.abs(input.quantity),
    fromPoolId: reclaim ? resellerPool.id : partnerPool.id,
    toPoolId: reclaim ? partnerPool.id : resellerPool.id,
    field: 'quantity',
  });
  return { movementId, partnerPoolId: partnerPool.id, resellerPoolId: resellerPool.id };
}
