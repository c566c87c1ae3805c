import { invoiceHeading, productNames } from '../data/invoiceParties.ts';
import type { Db } from '../data/transact.ts';
import type { InvoiceKind, LegalIdentity } from '../db/schema.ts';
import { getRecord } from '../http/resource.ts';
import { invoicesSpec } from '../resources/orders.ts';
import type { Scope } from './access.ts';
import { conflict } from './errors.ts';
import type { PricedLine, Totals } from '../../../shared/money.ts';

/**
 * The printable content of an invoice or credit note (DESIGN §6), read from the stored document
 * as the caller may see it (404 otherwise): both parties' legal identities, dates, lines, totals,
 * and the mentions French law requires on a B2B invoice (Code de commerce L441-9 and D441-5).
 */

export interface Party extends LegalIdentity {
  /** The legal name when set, else the organisation's name in the console. */
  display_name: string;
}

export interface DocumentLine extends PricedLine {
  product_name: string;
}

export interface InvoiceDocument extends Totals {
  kind: InvoiceKind;
  number: string;
  issued_on: string;
  due_on: string;
  vat_rate_percent: number;
  issuer: Party;
  buyer: Party;
  /** A credit note's: the number and date of the invoice it credits. */
  credited_invoice: { number: string; issued_on: string } | null;
  lines: DocumentLine[];
  legal_mentions: string[];
}

/** Fixed by law for late payment between professionals (Code de commerce D441-5). */
export const LEGAL_MENTIONS = [
  "Pénalités de retard : trois fois le taux d'intérêt légal, exigibles dès le lendemain de l'échéance.",
  'Indemnité forfaitaire pour frais de recouvrement : 40 €.',
  "Pas d'escompte pour paiement anticipé.",
  // Licences are services: VAT is due on payment unless the supplier opted for debits; it has.
  'TVA sur les débits.',
];

const PUBLISHER_FALLBACK_NAME = 'Éditeur';

type Frozen<P extends string> = { [K in keyof LegalIdentity as `${P}${K}`]: LegalIdentity[K] };

interface StoredInvoice extends Totals, Frozen<'issuer_'>, Frozen<'buyer_'> {
  kind: InvoiceKind;
  number: string;
  issued_on: string;
  due_on: string;
  vat_rate_percent: number;
  issuer_type: 'publisher' | 'partner';
  issuer_id: number | null;
  buyer_type: 'partner' | 'reseller';
  buyer_id: number;
  credited_invoice_id: number | null;
  lines: PricedLine[];
}

/** A party as the invoice froze it at issue (a later change of identity leaves it as it was). */
function party(invoice: StoredInvoice, side: 'issuer' | 'buyer'): Party {
  const identity: LegalIdentity = {
    legal_name: invoice[`${side}_legal_name`],
    address: invoice[`${side}_address`],
    siren: invoice[`${side}_siren`],
    vat_number: invoice[`${side}_vat_number`],
  };
  return { ...identity, display_name: identity.legal_name ?? PUBLISHER_FALLBACK_NAME };
}

/**
 * The document of an invoice the caller sees (404 otherwise). 409 `issuer_identity_incomplete` while
 * its issuer has no VAT number: EN 16931 requires the seller's on a standard-rated invoice (BR-S-2).
 */
export async function invoiceDocument(db: Db, scope: Scope, id: number): Promise<InvoiceDocument> {
  const invoice = (await getRecord(db, invoicesSpec, id, scope)) as unknown as StoredInvoice;
  const issuer = party(invoice, 'issuer');
  if (!issuer.vat_number) {
    // The identity is the one frozen at issue: an invoice issued without it stays without it.
    const whose = invoice.issuer_type === 'publisher' ? "The publisher's identity (PUT /api/publisher)" : "The issuing partner's identity";
    throw conflict(`${whose} has no VAT number, which an EN 16931 invoice must carry`, 'issuer_identity_incomplete', { missing: 'vat_number' });
  }
  const names = await productNames(db, invoice.lines.map((line) => line.product_id));
  return {
    kind: invoice.kind,
    number: invoice.number,
    issued_on: invoice.issued_on,
    due_on: invoice.due_on,
    vat_rate_percent: invoice.vat_rate_percent,
    total_excl_vat_cents: invoice.total_excl_vat_cents,
    vat_cents: invoice.vat_cents,
    total_incl_vat_cents: invoice.total_incl_vat_cents,
    issuer,
    buyer: party(invoice, 'buyer'),
    credited_invoice: invoice.credited_invoice_id === null ? null : await invoiceHeading(db, invoice.credited_invoice_id),
    lines: invoice.lines.map((line) => ({ ...line, product_name: names.get(line.product_id) ?? `#${line.product_id}` })),
    legal_mentions: LEGAL_MENTIONS,
  };
}

// A no-break space groups thousands and precedes the sign, as French typography does.
const NBSP = '\u00a0';

/** 1234 → "1 234" (a no-break space between groups of three digits). */
export const formatCount = (n: number) => String(n).replace(/\B(?=(\d{3})+(?!\d))/g, NBSP);

/** 123456 cents → "1 234,56 €" (no-break spaces), in exact integer arithmetic. */
export const formatEuros = (cents: number) => `${formatCount(Math.floor(cents / 100))},${String(cents % 100).padStart(2, '0')}${NBSP}€`;

/** "2026-03-09" → "09/03/2026". */
export const formatFrenchDate = (isoDate: string) => isoDate.split('-').reverse().join('/');

/** "20" → "20 %", "5.5" → "5,5 %". */
export const formatPercent = (percent: number) => `${String(percent).replace('.', ',')}${NBSP}%`;
