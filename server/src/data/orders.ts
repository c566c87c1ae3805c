import type { Insertable, Selectable } from 'kysely';
import type { OrderStatus, OrdersTable } from '../db/schema.ts';
import type { PricedLine } from '../../../shared/money.ts';
import { documentLines } from './documentLines.ts';
import type { Db, Tx } from './transact.ts';

/** Orders and their lines. */

export type OrderRow = Selectable<OrdersTable>;

export const findOrder = (db: Db, id: number): Promise<OrderRow | undefined> => db.selectFrom('orders').selectAll().where('id', '=', id).executeTakeFirst();

export async function insertOrder(tx: Tx, order: Insertable<OrdersTable>, lines: readonly PricedLine[]): Promise<number> {
  const { id } = await tx.insertInto('orders').values(order).returning('id').executeTakeFirstOrThrow();
  await tx.insertInto('order_lines').values(lines.map((line) => ({ ...line, order_id: id }))).execute();
  return id;
}

/** Each order's lines, in the order they were given. */
export const orderLinesOf = (db: Db, orderIds: readonly number[]) => documentLines(db, 'order_lines', orderIds);

/**
 * Moves a submitted order to its decision, only if it is still submitted: the check and the write
 * are one statement, so of two decisions at once (two fulfilments) one changes the row and the
 * other finds it decided (PostgreSQL makes the second wait for the first's row lock, then re-reads).
 * Resolves to whether this one did.
 */
export async function decideOrder(tx: Tx, id: number, status: Exclude<OrderStatus, 'submitted'>, values: { reason?: string | null; decided_at: string; decided_by: string }): Promise<boolean> {
  const result = await tx.updateTable('orders').set({ status, ...values }).where('id', '=', id).where('status', '=', 'submitted').executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

export async function setOrderInvoice(tx: Tx, id: number, invoiceId: number): Promise<void> {
  await tx.updateTable('orders').set({ invoice_id: invoiceId }).where('id', '=', id).execute();
}
