import { partnerTerms, resellerTerms } from '../data/buyers.ts';
import { findOrder, decideOrder, insertOrder, orderLinesOf, setOrderInvoice, type OrderRow } from '../data/orders.ts';
import { listPricesOn } from '../data/prices.ts';
import type { Tx } from '../data/transact.ts';
import { recordEvent } from '../webhooks/outbox.ts';
import { DEFAULT_LOCALE } from '../../../shared/contract.ts';
import { requireRole } from './access.ts';
import { textsFor } from './texts.ts';
import type { ActionContext } from './context.ts';
import { conflict, NotFoundError, ValidationError } from './errors.ts';
import { requireProduct } from './hierarchy.ts';
import { issueInvoice } from './invoices.ts';
import { moveLine, poolFor } from './ledger.ts';
import { discountedUnitPrice, pricedLine, totalsOf, type BillingSettings } from '../../../shared/money.ts';
import { isBuyer, isSupplier, requireParty } from './orderParties.ts';

/**
 * Orders (DESIGN §6): a reseller orders from its partner, a partner from the publisher. Unit prices
 * and the VAT rate are frozen at submission. The supplier fulfils (the licences move and the invoice
 * is issued, in one transaction) or refuses; the buyer may cancel while it is submitted.
 */

export interface OrderLineInput {
  product_id: number;
  quantity: number;
}

/** The buyer (the caller's organisation) and its supplier and discount. */
async function buyerOf(tx: Tx, ctx: ActionContext) {
  requireRole(ctx.scope, ['partner', 'reseller'], 'place orders (the publisher supplies them)');
  if (ctx.scope.role === 'reseller') {
    const reseller = (await resellerTerms(tx, ctx.scope.resellerId!))!;
    return { buyer_type: 'reseller', buyer_id: reseller.id, supplier_type: 'partner', supplier_id: reseller.partner_id, partner_id: reseller.partner_id, reseller_id: reseller.id, discount: reseller.discount_percent } as const;
  }
  const partner = (await partnerTerms(tx, ctx.scope.partnerId!))!;
  return { buyer_type: 'partner', buyer_id: partner.id, supplier_type: 'publisher', supplier_id: null, partner_id: partner.id, reseller_id: null, discount: partner.discount_percent } as const;
}

/** Places an order for the caller's organisation at today's prices less its discount; resolves to its id. */
export async function submitOrder(tx: Tx, ctx: ActionContext, billing: BillingSettings, lines: readonly OrderLineInput[]): Promise<number> {
  const buyer = await buyerOf(tx, ctx);
  const seen = new Set<number>();
  for (const [i, line] of lines.entries()) {
    if (seen.has(line.product_id)) throw new ValidationError('A product appears on two lines', { [`lines.${i}.product_id`]: 'Already on another line' });
    seen.add(line.product_id);
    await requireProduct(tx, line.product_id, `lines.${i}.product_id`);
  }
  const prices = await listPricesOn(tx, [...seen], ctx.today);
  const priced = lines.map((line) => {
    const listPrice = prices.get(line.product_id);
    if (listPrice === undefined) throw conflict(`Product ${line.product_id} has no price on ${ctx.today}`, 'no_price', { product_id: line.product_id });
    return pricedLine(line.product_id, line.quantity, discountedUnitPrice(listPrice, buyer.discount));
  });
  const { discount: _discount, ...parties } = buyer;
  const id = await insertOrder(
    tx,
    { ...parties, vat_rate_percent: billing.vatRatePercent, ...totalsOf(priced, billing.vatRatePercent), created_by: ctx.actor, created_at: ctx.now },
    priced,
  );
  await recordEvent(tx, { type: 'order.submitted', subject: { resource: 'orders', id }, now: ctx.now });
  return id;
}

async function visibleOrder(tx: Tx, ctx: ActionContext, id: number): Promise<OrderRow> {
  const order = await findOrder(tx, id);
  if (!order || !(isBuyer(ctx.scope, order) || isSupplier(ctx.scope, order))) throw new NotFoundError('Order', id);
  return order;
}

/** Decides a submitted order; an order already decided (or decided meanwhile) is a 409. */
async function decide(tx: Tx, ctx: ActionContext, order: OrderRow, status: 'fulfilled' | 'refused' | 'cancelled', reason: string | null = null) {
  if (!(await decideOrder(tx, order.id, status, { reason, decided_at: ctx.now, decided_by: ctx.actor }))) {
    const current = (await findOrder(tx, order.id))!.status;
    throw conflict(`Order ${order.id} is ${current}: it can no longer be ${status}`, 'invalid_transition', { status: current });
  }
}

/**
 * The supplier accepts: the licences of every line move into the buyer's pool (`allocate` from the
 * partner's pool, `grant` from the publisher) and the invoice is issued, all in the caller's
 * transaction. A partner's short pool refuses the whole order (409 insufficient_licenses, with the
 * product and the shortfall), and nothing changes.
 */
export async function fulfilOrder(tx: Tx, ctx: ActionContext, billing: BillingSettings, id: number): Promise<void> {
  const order = await visibleOrder(tx, ctx, id);
  requireParty(ctx.scope, order, 'supplier', 'Order', id, 'fulfil an order');
  await decide(tx, ctx, order, 'fulfilled');
  const lines = (await orderLinesOf(tx, [id])).get(id)!;
  for (const line of lines) {
    const buyerPool = await poolFor(tx, { partnerId: order.partner_id, resellerId: order.reseller_id }, line.product_id);
    const supplierPool = order.supplier_type === 'partner' ? await poolFor(tx, { partnerId: order.partner_id, resellerId: null }, line.product_id) : null;
    await moveLine(
      tx,
      ctx,
      {
        kind: supplierPool ? 'allocate' : 'grant',
        productId: line.product_id,
        quantity: line.quantity,
        fromPoolId: supplierPool?.id ?? null,
        toPoolId: buyerPool.id,
        reason: textsFor(ctx.locale ?? DEFAULT_LOCALE).reason.orderFulfilled(id),
      },
      'The supplier’s pool is short',
    );
  }
  const invoiceId = await issueInvoice(tx, ctx, billing, { ...order, lines, kind: 'invoice', order_id: id, credited_invoice_id: null });
  await setOrderInvoice(tx, id, invoiceId);
  await recordEvent(tx, { type: 'order.fulfilled', subject: { resource: 'orders', id }, now: ctx.now });
}

export async function refuseOrder(tx: Tx, ctx: ActionContext, id: number, reason: string): Promise<void> {
  const order = await visibleOrder(tx, ctx, id);
  requireParty(ctx.scope, order, 'supplier', 'Order', id, 'refuse an order');
  await decide(tx, ctx, order, 'refused', reason);
}

export async function cancelOrder(tx: Tx, ctx: ActionContext, id: number): Promise<void> {
  const order = await visibleOrder(tx, ctx, id);
  requireParty(ctx.scope, order, 'buyer', 'Order', id, 'cancel an order');
  await decide(tx, ctx, order, 'cancelled');
}

