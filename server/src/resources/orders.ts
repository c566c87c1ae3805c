import { sql } from 'kysely';
import { orderLinesOf } from '../data/orders.ts';
import { invoiceLinesOf } from '../data/invoices.ts';
import type { Db } from '../data/transact.ts';
import { byOrganisation, type Scope } from '../domain/access.ts';
import type { PricedLine } from '../../../shared/money.ts';
import type { FieldSpec } from '../http/listQuery.ts';
import type { ResourceSpec } from '../http/resource.ts';
import { legalIdentityFields } from './legalIdentity.ts';

/**
 * Orders and invoices: seen by their buyer and their supplier (a partner sees its own and its
 * resellers'; a reseller its own), admins see all. `partner_id`/`reseller_id` name the buyer's side.
 */

const amounts = (table: string): Record<string, FieldSpec> => ({
  vat_rate_percent: { column: `${table}.vat_rate_percent`, type: 'number' },
  total_excl_vat_cents: { column: `${table}.total_excl_vat_cents`, type: 'int' },
  vat_cents: { column: `${table}.vat_cents`, type: 'int' },
  total_incl_vat_cents: { column: `${table}.total_incl_vat_cents`, type: 'int' },
});

const buyer = (table: string): Record<string, FieldSpec> => ({
  buyer_type: { column: `${table}.buyer_type`, type: 'enum', values: ['partner', 'reseller'] },
  buyer_id: { column: `${table}.buyer_id`, type: 'int' },
  buyer_name: { column: sql`coalesce(resellers.name, partners.name)`, type: 'text' },
  partner_id: { column: `${table}.partner_id`, type: 'int' },
  reseller_id: { column: `${table}.reseller_id`, type: 'int' },
});

/** Scoping by the buyer's side, `q` on the buyer's names, newest first. */
const buyerSide = (table: 'orders' | 'invoices') =>
  ({
    visibleTo: (scope: Scope) => byOrganisation(scope, `${table}.partner_id`, `${table}.reseller_id`),
    search: ['partners.search_name', 'resellers.search_name'],
    defaultSort: ['id', 'DESC'],
  }) satisfies Partial<ResourceSpec>;

/** Adds each record's `lines`, read for the whole page at once. */
const withLines = (linesOf: (db: Db, ids: number[]) => Promise<Map<number, PricedLine[]>>) => async (db: Db, records: Record<string, unknown>[]) => {
  const lines = await linesOf(db, records.map((r) => r.id as number));
  return records.map((r) => ({ ...r, lines: lines.get(r.id as number) ?? [] }));
};

export const ordersSpec: ResourceSpec = {
  name: 'orders',
  label: 'Order',
  from: (db) => db.selectFrom('orders').innerJoin('partners', 'partners.id', 'orders.partner_id').leftJoin('resellers', 'resellers.id', 'orders.reseller_id'),
  ...buyerSide('orders'),
  fields: {
    id: { column: 'orders.id', type: 'int' },
    ...buyer('orders'),
    supplier_type: { column: 'orders.supplier_type', type: 'enum', values: ['publisher', 'partner'] },
    supplier_id: { column: 'orders.supplier_id', type: 'int' },
    status: { column: 'orders.status', type: 'enum', values: ['submitted', 'fulfilled', 'refused', 'cancelled'] },
    ...amounts('orders'),
    reason: { column: 'orders.reason', type: 'text' },
    invoice_id: { column: 'orders.invoice_id', type: 'int' },
    created_by: { column: 'orders.created_by', type: 'text' },
    created_at: { column: 'orders.created_at', type: 'text' },
    decided_at: { column: 'orders.decided_at', type: 'text' },
    decided_by: { column: 'orders.decided_by', type: 'text' },
  },
  attach: withLines(orderLinesOf),
};

export const invoicesSpec: ResourceSpec = {
  name: 'invoices',
  label: 'Invoice',
  from: (db) => db.selectFrom('invoices').innerJoin('partners', 'partners.id', 'invoices.partner_id').leftJoin('resellers', 'resellers.id', 'invoices.reseller_id'),
  ...buyerSide('invoices'),
  fields: {
    id: { column: 'invoices.id', type: 'int' },
    number: { column: 'invoices.number', type: 'text' },
    kind: { column: 'invoices.kind', type: 'enum', values: ['invoice', 'credit_note'] },
    issuer_type: { column: 'invoices.issuer_type', type: 'enum', values: ['publisher', 'partner'] },
    issuer_id: { column: 'invoices.issuer_id', type: 'int' },
    ...buyer('invoices'),
    order_id: { column: 'invoices.order_id', type: 'int' },
    credited_invoice_id: { column: 'invoices.credited_invoice_id', type: 'int' },
    credit_note_id: { column: sql`(SELECT c.id FROM invoices c WHERE c.credited_invoice_id = invoices.id)`, type: 'int' },
    issued_on: { column: 'invoices.issued_on', type: 'date' },
    due_on: { column: 'invoices.due_on', type: 'date' },
    ...amounts('invoices'),
    // Both parties' identities as they were at issue.
    ...legalIdentityFields('invoices', 'issuer_'),
    ...legalIdentityFields('invoices', 'buyer_'),
  },
  attach: withLines(invoiceLinesOf),
};
