import { isForeignKeyViolation, isUniqueViolation } from '../data/constraints.ts';
import { transact, type Db, type Tx } from '../data/transact.ts';
import type { Organisation } from '../domain/access.ts';
import { created, deleted, fieldChanges, recordChange } from '../domain/changes.ts';
import type { ActionContext } from '../domain/context.ts';
import { ConflictError } from '../domain/errors.ts';
import { getRecord, type ResourceSpec } from '../http/resource.ts';

/**
 * The writes of the plain editable tables (products, partners, resellers): each in one transaction
 * with its entry in the change log, and the database's refusals (a name already used, a row still
 * referred to) turned into 409 answers.
 */

export type CatalogTable = 'products' | 'partners' | 'resellers';

export interface CatalogResource {
  spec: ResourceSpec;
  table: CatalogTable;
  /** The organisation a row belongs to, for the change log. */
  organisation(row: Record<string, unknown>): Organisation | null;
  /**
   * Rules between rows (a reseller's discount against its partner's), checked first in the write's
   * own transaction, so that a concurrent write cannot slip between the check and the write.
   */
  checkWrite?(tx: Tx, values: Record<string, unknown>, existing: Record<string, unknown> | null): Promise<void>;
}

function alreadyExists(error: unknown, { spec }: CatalogResource) {
  if (isUniqueViolation(error)) {
    return new ConflictError(`This ${spec.label.toLowerCase()} already exists`, { code: 'Already used' });
  }
  return error;
}

/** Booleans as the 0/1 the tables store. */
const toRow = (values: Record<string, unknown>) =>
  Object.fromEntries(Object.entries(values).map(([k, v]) => [k, typeof v === 'boolean' ? (v ? 1 : 0) : v]));

/** Inserts the row, logs `input` as the created fields, and answers the new record as the caller sees it. */
export async function createCatalogRow(db: Db, ctx: ActionContext, resource: CatalogResource, values: Record<string, unknown>, input: object) {
  const { spec, table } = resource;
  try {
    return await transact(db, async (tx) => {
      await resource.checkWrite?.(tx, values, null);
      const { id } = await tx.insertInto(table).values(toRow(values) as never).returning('id').executeTakeFirstOrThrow();
      const record = await getRecord(tx, spec, id, ctx.scope);
      await recordChange(tx, ctx, { action: 'create', resource: spec.name, recordId: id, organisation: resource.organisation(record), data: created(input) });
      return record;
    });
  } catch (error) {
    throw alreadyExists(error, resource);
  }
}

/** Updates the row of `existing` (its record) and logs `changed` with each field's value before. */
export async function updateCatalogRow(
  db: Db,
  ctx: ActionContext,
  resource: CatalogResource,
  existing: Record<string, unknown>,
  values: Record<string, unknown>,
  changed: object,
) {
  const { spec, table } = resource;
  const id = existing.id as number;
  try {
    await transact(db, async (tx) => {
      await resource.checkWrite?.(tx, values, existing);
      await tx.updateTable(table).set(toRow(values) as never).where('id', '=', id).execute();
      await recordChange(tx, ctx, { action: 'update', resource: spec.name, recordId: id, organisation: resource.organisation(existing), data: fieldChanges(existing, changed) });
    });
  } catch (error) {
    throw alreadyExists(error, resource);
  }
}

/** Deletes the row of `record` (its record, logged as the deleted fields); refused while anything refers to it. */
export async function deleteCatalogRow(db: Db, ctx: ActionContext, resource: CatalogResource, record: Record<string, unknown>) {
  const { spec, table } = resource;
  const id = record.id as number;
  try {
    await transact(db, async (tx) => {
      await tx.deleteFrom(table).where('id', '=', id).execute();
      await recordChange(tx, ctx, { action: 'delete', resource: spec.name, recordId: id, organisation: resource.organisation(record), data: deleted(record) });
    });
  } catch (error) {
    if (isForeignKeyViolation(error)) {
      throw new ConflictError(`This ${spec.label.toLowerCase()} is still in use and cannot be deleted`);
    }
    throw error;
  }
}
