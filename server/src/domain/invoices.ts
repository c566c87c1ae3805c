import { DEFAULT_LOCALE } from '../../../shared/contract.ts';
import { isUniqueViolation } from '../data/constraints.ts';
import { frozenIdentity } from '../data/invoiceParties.ts';
import { creditNoteOf, findInvoice, insertInvoice, invoiceLinesOf, nextInvoiceNumber, type InvoiceRow } from '../data/invoices.ts';
import type { Tx } from '../data/transact.ts';
import { recordEvent } from '../webhooks/outbox.ts';
import type { InvoiceKind } from '../db/schema.ts';
import type { ActionContext } from './context.ts';
import { plusDays } from './dates.ts';
import { conflict, NotFoundError } from './errors.ts';
import { moveLine, poolFor } from './ledger.ts';
import type { BillingSettings, PricedLine } from '../../../shared/money.ts';
import { isBuyer, isSupplier, issuerKey, requireParty, type Parties } from './orderParties.ts';
import { textsFor } from './texts.ts';

/**
 * Invoices and credit notes (DESIGN §6), issued by an order's supplier to its buyer. A number is
 * YYYY-NNNNNN, consecutive per issuer, kind and year (data/invoices.ts nextInvoiceNumber); a
 * document never changes once issued (the database refuses it). A credit note repeats its invoice's
 * lines and positive amounts, and takes the licences back.
 */

export const invoiceNumber = (year: number, n: number) => `${year}-${String(n).padStart(6, '0')}`;

export interface NewDocument extends Parties {
  kind: InvoiceKind;
  order_id: number;
  credited_invoice_id: number | null;
  partner_id: number;
  reseller_id: number | null;
  vat_rate_percent: number;
  total_excl_vat_cents: number;
  vat_cents: number;
  total_incl_vat_cents: number;
  lines: readonly PricedLine[];
}

/**
 * Issues a document today in the caller's transaction; resolves to its id. Both parties' legal
 * identities are copied onto it as they are now: the document never changes afterwards.
 */
export async function issueInvoice(tx: Tx, ctx: ActionContext, billing: BillingSettings, doc: NewDocument): Promise<number> {
  const year = Number(ctx.today.slice(0, 4));
  const key = issuerKey(doc);
  const number = invoiceNumber(year, await nextInvoiceNumber(tx, key, doc.kind, year));
  const issuer = await frozenIdentity(tx, doc.supplier_type, doc.supplier_id);
  const buyer = await frozenIdentity(tx, doc.buyer_type, doc.buyer_id);
  const id = await insertInvoice(
    tx,
    {
      number,
      kind: doc.kind,
      issuer_type: doc.supplier_type,
      issuer_id: doc.supplier_id,
      issuer_key: key,
      buyer_type: doc.buyer_type,
      buyer_id: doc.buyer_id,
      partner_id: doc.partner_id,
      reseller_id: doc.reseller_id,
      order_id: doc.order_id,
      credited_invoice_id: doc.credited_invoice_id,
      issued_on: ctx.today,
      due_on: plusDays(ctx.today, billing.invoiceDueDays),
      vat_rate_percent: doc.vat_rate_percent,
      total_excl_vat_cents: doc.total_excl_vat_cents,
      vat_cents: doc.vat_cents,
      total_incl_vat_cents: doc.total_incl_vat_cents,
      created_at: ctx.now,
      issuer_legal_name: issuer.legal_name,
      issuer_address: issuer.address,
      issuer_siren: issuer.siren,
      issuer_vat_number: issuer.vat_number,
      buyer_legal_name: buyer.legal_name,
      buyer_address: buyer.address,
      buyer_siren: buyer.siren,
      buyer_vat_number: buyer.vat_number,
    },
    doc.lines,
  );
  await recordEvent(tx, { type: 'invoice.issued', subject: { resource: 'invoices', id }, now: ctx.now });
  return id;
}

/** An invoice's parties in the order's terms (its issuer is the order's supplier). */
const partiesOf = (invoice: InvoiceRow): Parties => ({
  buyer_type: invoice.buyer_type,
  buyer_id: invoice.buyer_id,
  supplier_type: invoice.issuer_type,
  supplier_id: invoice.issuer_id,
});

/**
 * Credits an invoice, once (by its issuer, or an admin): the credit note, and the licences back
 * from the buyer's pool (`reclaim` to the issuing partner's pool, or `adjust` out of the hierarchy
 * for the publisher). 409 when the buyer no longer holds them, or the invoice is credited already.
 */
export async function creditInvoice(tx: Tx, ctx: ActionContext, billing: BillingSettings, id: number): Promise<number> {
  const invoice = await findInvoice(tx, id);
  const parties = invoice && partiesOf(invoice);
  if (!invoice || !parties || !(isBuyer(ctx.scope, parties) || isSupplier(ctx.scope, parties))) throw new NotFoundError('Invoice', id);
  requireParty(ctx.scope, parties, 'supplier', 'Invoice', id, 'credit an invoice');
  if (invoice.kind !== 'invoice') throw conflict('A credit note cannot be credited', 'not_an_invoice');
  const existing = await creditNoteOf(tx, id);
  if (existing) throw conflict(`Invoice ${invoice.number} is already credited`, 'already_credited', { credit_note_id: existing.id });
  const lines = (await invoiceLinesOf(tx, [id])).get(id)!;
  const reason = textsFor(ctx.locale ?? DEFAULT_LOCALE).reason.invoiceCredited(invoice.number);
  for (const line of lines) {
    const buyerPool = await poolFor(tx, { partnerId: invoice.partner_id, resellerId: invoice.reseller_id }, line.product_id);
    const issuerPool = invoice.issuer_type === 'partner' ? await poolFor(tx, { partnerId: invoice.partner_id, resellerId: null }, line.product_id) : null;
    await moveLine(tx, ctx, { kind: issuerPool ? 'reclaim' : 'adjust', productId: line.product_id, quantity: line.quantity, fromPoolId: buyerPool.id, toPoolId: issuerPool?.id ?? null, reason }, 'The buyer no longer holds the licences');
  }
  try {
    return await issueInvoice(tx, ctx, billing, {
      ...parties,
      kind: 'credit_note',
      order_id: invoice.order_id,
      credited_invoice_id: id,
      partner_id: invoice.partner_id,
      reseller_id: invoice.reseller_id,
      vat_rate_percent: invoice.vat_rate_percent,
      total_excl_vat_cents: invoice.total_excl_vat_cents,
      vat_cents: invoice.vat_cents,
      total_incl_vat_cents: invoice.total_incl_vat_cents,
      lines,
    });
  } catch (error) {
    // Two credits at once on PostgreSQL: the unique credited_invoice_id lets one through.
    if (isUniqueViolation(error)) throw conflict(`Invoice ${invoice.number} is already credited`, 'already_credited');
    throw error;
  }
}
