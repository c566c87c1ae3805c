import { isUniqueViolation } from '../data/constraints.ts';
import { deletePrice, findPrice, insertPrice, updatePrice, type PriceRow } from '../data/prices.ts';
import { transact, type Db } from '../data/transact.ts';
import { requireRole } from './access.ts';
import { changedValues, created, deleted, fieldChanges, recordChange } from './changes.ts';
import type { ActionContext } from './context.ts';
import { ConflictError, NotFoundError, ValidationError } from './errors.ts';
import { requireProduct } from './hierarchy.ts';

/**
 * The publisher's price list (DESIGN §6). History is kept: a row whose valid_from is past (before
 * today) is frozen, and no row may start in the past, so the price on any past day never changes.
 * A row starting today may still be corrected (orders freeze their prices anyway).
 */

export interface PriceInput {
  product_id: number;
  unit_price_cents: number;
  valid_from: string;
}

function notInThePast(validFrom: string, today: string) {
  if (validFrom < today) {
    throw new ValidationError('A price cannot start in the past', { valid_from: `Expected ${today} or later` });
  }
}

function frozenUnlessFuture(row: PriceRow, today: string) {
  if (row.valid_from < today) {
    throw Object.assign(new ConflictError(`This price has applied since ${row.valid_from}: it can no longer change`), { code: 'price_frozen' });
  }
}

const alreadyPriced = (error: unknown) =>
  isUniqueViolation(error)
    ? Object.assign(new ConflictError('This product already has a price from this date', { valid_from: 'Already has a price from this date' }), { code: 'price_exists' })
    : error;

async function requirePrice(db: Db, id: number) {
  const row = await findPrice(db, id);
  if (!row) throw new NotFoundError('Price', id);
  return row;
}

export async function createPrice(db: Db, ctx: ActionContext, input: PriceInput): Promise<number> {
  requireRole(ctx.scope, ['admin'], 'set prices');
  notInThePast(input.valid_from, ctx.today);
  await requireProduct(db, input.product_id);
  try {
    return await transact(db, async (tx) => {
      const id = await insertPrice(tx, input);
      await recordChange(tx, ctx, { action: 'create', resource: 'prices', recordId: id, data: created(input) });
      return id;
    });
  } catch (error) {
    throw alreadyPriced(error);
  }
}

export async function changePrice(db: Db, ctx: ActionContext, id: number, input: PriceInput): Promise<void> {
  requireRole(ctx.scope, ['admin'], 'change prices');
  const row = await requirePrice(db, id);
  frozenUnlessFuture(row, ctx.today);
  const changed = changedValues(row, input);
  if (Object.keys(changed).length === 0) return;
  if (changed.valid_from !== undefined) notInThePast(changed.valid_from, ctx.today);
  if (changed.product_id !== undefined) await requireProduct(db, changed.product_id);
  try {
    await transact(db, async (tx) => {
      await updatePrice(tx, id, changed);
      await recordChange(tx, ctx, { action: 'update', resource: 'prices', recordId: id, data: fieldChanges(row, changed) });
    });
  } catch (error) {
    throw alreadyPriced(error);
  }
}

export async function removePrice(db: Db, ctx: ActionContext, id: number): Promise<PriceRow> {
  requireRole(ctx.scope, ['admin'], 'delete prices');
  const row = await requirePrice(db, id);
  frozenUnlessFuture(row, ctx.today);
  await transact(db, async (tx) => {
    await deletePrice(tx, id);
    await recordChange(tx, ctx, { action: 'delete', resource: 'prices', recordId: id, data: deleted(row) });
  });
  return row;
}
