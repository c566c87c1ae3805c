import { TZDate } from '@date-fns/tz';
import { format } from 'date-fns';
import type { Locale, Status } from '../../../shared/contract.ts';
import type { Names } from '../data/names.ts';
import type { MovementKind } from '../db/schema.ts';
import { dayText, textsFor, type Texts } from '../domain/texts.ts';
import type { Cell } from '../http/csv.ts';
import type { ResourceSpec } from '../http/resource.ts';
import { clientsSpec } from './clients.ts';
import { movementsSpec } from './movements.ts';
import { invoicesSpec, ordersSpec } from './orders.ts';
import { subscriptionsSpec } from './subscriptions.ts';

/**
 * The CSV exports: for people, not programs. Names instead of ids, labelled statuses, dates as
 * the console shows them in the reader's language (fr: 03/12/2026 and 03/12/2026 14:05 in the
 * publisher's time zone; en: 2026-12-03 and 2026-12-03 14:05).
 */

export type ExportName = 'clients' | 'subscriptions' | 'movements' | 'orders' | 'invoices';
type ExportRecord = Record<string, unknown>;

/** What a cell needs besides its record: the reader's texts and formats, and the names of ids. */
export interface CellContext {
  texts: Texts;
  date(value: unknown): Cell;
  timestamp(value: unknown): Cell;
  yesNo(value: unknown): Cell;
  /** Integer cents as a decimal amount in euros, written as the reader writes numbers (fr 1234,50; en 1234.50). */
  euros(value: unknown): Cell;
  names: Names;
}

type Columns<Name extends ExportName> = { [Column in keyof Texts['exportHeaders'][Name]]: (record: ExportRecord, c: CellContext) => Cell };

export interface ExportDefinition<Name extends ExportName = ExportName> {
  spec: ResourceSpec;
  columns: Columns<Name>;
}

const text = (value: unknown): Cell => (value === null || value === undefined ? null : String(value));
const nameOf = (map: Map<number, string>, id: unknown): Cell => (typeof id === 'number' ? (map.get(id) ?? null) : null);
const statusOf = (record: ExportRecord, c: CellContext) => c.texts.status[record.status as Status];

const clients: ExportDefinition<'clients'> = {
  spec: clientsSpec,
  columns: {
    name: (r) => text(r.name),
    reference: (r) => text(r.reference),
    partner: (r, c) => nameOf(c.names.partners, r.partner_id),
    reseller: (r, c) => nameOf(c.names.resellers, r.reseller_id),
    status: statusOf,
    end_date: (r, c) => c.date(r.end_date),
    to_renew: (r, c) => c.yesNo(r.to_renew),
    created_at: (r, c) => c.timestamp(r.created_at),
  },
};

const subscriptions: ExportDefinition<'subscriptions'> = {
  spec: subscriptionsSpec,
  columns: {
    client: (r) => text(r.client_name),
    product: (r) => text(r.product_name),
    partner: (r, c) => nameOf(c.names.partners, r.partner_id),
    reseller: (r) => text(r.reseller_name),
    status: statusOf,
    start_date: (r, c) => c.date(r.start_date),
    end_date: (r, c) => c.date(r.end_date),
    years: (r) => r.years as Cell,
    seats: (r) => r.seats as Cell,
    // The latest usage report (DESIGN §7); empty when none came.
    active_users: (r) => r.active_users as Cell,
    auto_renew: (r, c) => c.yesNo(r.auto_renew),
    cancelled: (r, c) => c.yesNo(r.cancelled),
  },
};

const movements: ExportDefinition<'movements'> = {
  spec: movementsSpec,
  columns: {
    created_at: (r, c) => c.timestamp(r.created_at),
    kind: (r, c) => c.texts.movementKind[r.kind as MovementKind],
    product: (r, c) => nameOf(c.names.products, r.product_id),
    quantity: (r) => r.quantity as Cell,
    from: (r, c) => nameOf(c.names.pools, r.from_pool_id),
    to: (r, c) => nameOf(c.names.pools, r.to_pool_id),
    client: (r, c) => nameOf(c.names.clients, r.client_id),
    actor: (r) => text(r.actor),
    reason: (r) => text(r.reason),
  },
};

/** The supplier (orders) or issuer (invoices): the buyer's partner, or the publisher. */
const seller = (type: unknown, id: unknown, c: CellContext): Cell => (type === 'partner' ? nameOf(c.names.partners, id) : c.texts.publisher);

const orders: ExportDefinition<'orders'> = {
  spec: ordersSpec,
  columns: {
    id: (r) => r.id as Cell,
    created_at: (r, c) => c.timestamp(r.created_at),
    status: (r, c) => c.texts.orderStatus[r.status as keyof Texts['orderStatus']],
    buyer: (r) => text(r.buyer_name),
    supplier: (r, c) => seller(r.supplier_type, r.supplier_id, c),
    total_excl_vat: (r, c) => c.euros(r.total_excl_vat_cents),
    vat: (r, c) => c.euros(r.vat_cents),
    total_incl_vat: (r, c) => c.euros(r.total_incl_vat_cents),
    reason: (r) => text(r.reason),
  },
};

const invoices: ExportDefinition<'invoices'> = {
  spec: invoicesSpec,
  columns: {
    number: (r) => text(r.number),
    kind: (r, c) => c.texts.invoiceKind[r.kind as keyof Texts['invoiceKind']],
    issuer: (r, c) => seller(r.issuer_type, r.issuer_id, c),
    buyer: (r) => text(r.buyer_name),
    issued_on: (r, c) => c.date(r.issued_on),
    due_on: (r, c) => c.date(r.due_on),
    total_excl_vat: (r, c) => c.euros(r.total_excl_vat_cents),
    vat: (r, c) => c.euros(r.vat_cents),
    total_incl_vat: (r, c) => c.euros(r.total_incl_vat_cents),
  },
};

export const EXPORTS: { [Name in ExportName]: ExportDefinition<Name> } = { clients, subscriptions, movements, orders, invoices };

/** The cell context of one export: the reader's language and the publisher's time zone. */
export function cellContext(locale: Locale, timeZone: string, names: Names): CellContext {
  const texts = textsFor(locale);
  return {
    texts,
    names,
    // Calendar dates are written as they are: they belong to no time zone.
    date: (value) => (typeof value === 'string' ? dayText(texts, value) : null),
    timestamp: (value) =>
      typeof value === 'string' && !Number.isNaN(Date.parse(value)) ? format(new TZDate(Date.parse(value), timeZone), `${texts.datePattern} HH:mm`) : text(value),
    yesNo: (value) => (value === null || value === undefined ? null : value ? texts.yes : texts.no),
    euros: (value) =>
      typeof value === 'number' ? `${Math.floor(value / 100)}${texts.decimalSeparator}${String(value % 100).padStart(2, '0')}` : null,
  };
}

type Column = [key: string, cell: (record: ExportRecord, c: CellContext) => Cell];
const columnsOf = (name: ExportName): Column[] => Object.entries(EXPORTS[name].columns);

/** The header line's cells, in the reader's language. */
export function headersOf(name: ExportName, texts: Texts): string[] {
  const headers: Record<string, string> = texts.exportHeaders[name];
  return columnsOf(name).map(([key]) => headers[key]);
}

/** One record as its row of cells, in the order of the headers. */
export function rowOf(name: ExportName, record: ExportRecord, c: CellContext): Cell[] {
  return columnsOf(name).map(([, cell]) => cell(record, c));
}
