import type { Db } from './transact.ts';

/** The list price rows (prices table). */

export interface PriceRow {
  id: number;
  product_id: number;
  unit_price_cents: number;
  valid_from: string;
}

/** The list price of each product on a date: per product, the row with the latest valid_from ≤ date. */
export async function listPricesOn(db: Db, productIds: readonly number[], date: string): Promise<Map<number, number>> {
  if (productIds.length === 0) return new Map();
  const rows = await db
    .selectFrom('prices as p')
    .select(['p.product_id', 'p.unit_price_cents'])
    .where('p.product_id', 'in', productIds)
    .where('p.valid_from', '=', (eb) =>
      eb
        .selectFrom('prices as later')
        .select((e) => e.fn.max('later.valid_from').as('valid_from'))
        .whereRef('later.product_id', '=', 'p.product_id')
        .where('later.valid_from', '<=', date),
    )
    .execute();
  return new Map(rows.map((r) => [r.product_id, r.unit_price_cents]));
}

export const findPrice = (db: Db, id: number) => db.selectFrom('prices').selectAll().where('id', '=', id).executeTakeFirst() as Promise<PriceRow | undefined>;

export async function insertPrice(db: Db, values: Omit<PriceRow, 'id'>): Promise<number> {
  return (await db.insertInto('prices').values(values).returning('id').executeTakeFirstOrThrow()).id;
}

export async function updatePrice(db: Db, id: number, values: Partial<Omit<PriceRow, 'id'>>): Promise<void> {
  await db.updateTable('prices').set(values).where('id', '=', id).execute();
}

export async function deletePrice(db: Db, id: number): Promise<void> {
  await db.deleteFrom('prices').where('id', '=', id).execute();
}
