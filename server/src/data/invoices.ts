import type { Insertable, Selectable } from 'kysely';
import type { InvoiceKind, InvoicesTable } from '../db/schema.ts';
import type { PricedLine } from '../../../shared/money.ts';
import { documentLines } from './documentLines.ts';
import type { Db, Tx } from './transact.ts';

/** Invoices, credit notes and their numbering sequences. */

export type InvoiceRow = Selectable<InvoicesTable>;

/**
 * The next number of an issuer's sequence for a kind and year, taken in the issuing transaction:
 * the counter row is created at 1 or incremented in one statement, which holds the row (its lock on
 * PostgreSQL, the database's write lock on SQLite) until the transaction ends. A concurrent
 * issuer waits and reads the incremented value; a rolled-back issue gives its number back. So
 * numbers are consecutive, with neither gap nor duplicate.
 */
export async function nextInvoiceNumber(tx: Tx, issuerKey: string, kind: InvoiceKind, year: number): Promise<number> {
  const row = await tx
    .insertInto('invoice_counters')
    .values({ issuer_key: issuerKey, kind, year, last_number: 1 })
    .onConflict((oc) => oc.columns(['issuer_key', 'kind', 'year']).doUpdateSet((eb) => ({ last_number: eb('invoice_counters.last_number', '+', 1) })))
    .returning('last_number')
    .executeTakeFirstOrThrow();
  return row.last_number;
}

export async function insertInvoice(tx: Tx, invoice: Insertable<InvoicesTable>, lines: readonly PricedLine[]): Promise<number> {
  const { id } = await tx.insertInto('invoices').values(invoice).returning('id').executeTakeFirstOrThrow();
  await tx.insertInto('invoice_lines').values(lines.map((line) => ({ ...line, invoice_id: id }))).execute();
  return id;
}

export const findInvoice = (db: Db, id: number): Promise<InvoiceRow | undefined> => db.selectFrom('invoices').selectAll().where('id', '=', id).executeTakeFirst();

export const invoiceLinesOf = (db: Db, invoiceIds: readonly number[]) => documentLines(db, 'invoice_lines', invoiceIds);

/** The credit note of an invoice, if it has one. */
export const creditNoteOf = (db: Db, invoiceId: number) =>
  db.selectFrom('invoices').select('id').where('credited_invoice_id', '=', invoiceId).executeTakeFirst();
