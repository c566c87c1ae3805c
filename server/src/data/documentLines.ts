import { sql } from 'kysely';
import type { PricedLine } from '../../../shared/money.ts';
import type { Db } from './transact.ts';

/** The priced lines of orders or of invoices, by their owner's id, in the order they were written. */
export async function documentLines(db: Db, table: 'order_lines' | 'invoice_lines', ownerIds: readonly number[]): Promise<Map<number, PricedLine[]>> {
  const owner = sql.ref<number>(table === 'order_lines' ? 'order_id' : 'invoice_id');
  // Both tables have the same line columns; Kysely is told one of them.
  const rows = await db
    .selectFrom(table as 'order_lines')
    .select([owner.as('owner_id'), 'product_id', 'quantity', 'unit_price_cents', 'total_cents'])
    .where(owner, 'in', ownerIds)
    .orderBy('id')
    .execute();
  const byOwner = new Map<number, PricedLine[]>();
  for (const { owner_id, ...line } of rows) byOwner.set(owner_id, [...(byOwner.get(owner_id) ?? []), line]);
  return byOwner;
}
