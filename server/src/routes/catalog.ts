import { z } from 'zod';
import type { Db } from '../db/connection.ts';
import type { Role } from '../db/schema.ts';
import { requireRole, type Organisation, type Scope } from '../domain/access.ts';
import { changedValues, recordChange } from '../domain/changes.ts';
import { ConflictError } from '../domain/errors.ts';
import { requirePartner } from '../domain/hierarchy.ts';
import { searchKey } from '../domain/search.ts';
import { getRecord, parseId, readRoutes, type ResourceSpec } from '../http/resource.ts';
import { actionContext, fields, parseBody, text } from '../http/validate.ts';
import { partnersSpec } from '../resources/partners.ts';
import { productsSpec } from '../resources/products.ts';
import { resellersSpec } from '../resources/resellers.ts';

/**
 * The plain editable resources (products, partners, resellers): list, read, create, update, and
 * delete while nothing refers to them.
 */

const ProductInput = z.object({ code: text(40).min(1, 'Required'), name: fields.name });
const OrganisationInput = z.object({
  name: fields.name,
  email: fields.email,
  require_totp: z.boolean({ error: 'Expected true or false' }).optional(),
});
const ResellerInput = OrganisationInput.extend({ partner_id: fields.id });

/** The schemas that validate this router's requests, for the OpenAPI document. */
export const catalogSchemas = { ProductInput, OrganisationInput, ResellerInput };

type Table = 'products' | 'partners' | 'resellers';

const isConstraint = (error: unknown, code: string) =>
  typeof error === 'object' && error !== null && (error as { code?: string }).code === code;

interface CatalogTable<C extends z.ZodObject, U extends z.ZodObject> {
  spec: ResourceSpec;
  table: Table;
  /** Roles that may create, update and delete (within what they see). */
  writers: readonly Role[];
  create: C;
  /** What a user may change (react-admin sends the whole record; the rest is ignored). */
  update: U;
  /** The folded names `q` searches, from what create and update both carry. */
  searchName(input: z.infer<C> | z.infer<U>): string;
  /** The organisation a row belongs to, for the change log. */
  organisation(row: Record<string, unknown>): Organisation | null;
  checkCreate?(input: z.infer<C>, scope: Scope): Promise<void>;
}

/** Fields only an admin may set (requiring two-factor authentication); others' values are ignored. */
function adminOnlyFields<T extends { require_totp?: boolean }>(input: T, role: Role): T {
  if (role === 'admin' || !('require_totp' in input)) return input;
  const { require_totp: _ignored, ...rest } = input;
  return rest as T;
}

const toRow = (input: Record<string, unknown>) =>
  Object.fromEntries(Object.entries(input).map(([k, v]) => [k, typeof v === 'boolean' ? (v ? 1 : 0) : v]));

/** CRUD for one catalog table. */
function catalogRouter<C extends z.ZodObject, U extends z.ZodObject>(db: Db, config: CatalogTable<C, U>) {
  const { spec, table } = config;
  const router = readRoutes(db, spec);
  const unique = (error: unknown) => {
    if (isConstraint(error, 'SQLITE_CONSTRAINT_UNIQUE')) {
      return new ConflictError(`This ${spec.label.toLowerCase()} already exists`, { code: 'Already used' });
    }
    return error;
  };
  router.post('/', async (req, res) => {
    const ctx = actionContext(res);
    requireRole(ctx.scope, config.writers, `create ${spec.name}`);
    const input = adminOnlyFields(parseBody(config.create, req.body), ctx.scope.role);
    await config.checkCreate?.(input, ctx.scope);
    const row = toRow({ ...input, search_name: config.searchName(input) });
    try {
      const record = await db.transaction().execute(async (tx) => {
        const { id } = await tx.insertInto(table).values(row as never).returning('id').executeTakeFirstOrThrow();
        const created = await getRecord(tx, spec, id, ctx.scope);
        await recordChange(tx, ctx, { action: 'create', resource: spec.name, recordId: id, organisation: config.organisation(created), data: input });
        return created;
      });
      res.status(201).json(record);
    } catch (error) {
      throw unique(error);
    }
  });
  router.put('/:id', async (req, res) => {
    const ctx = actionContext(res);
    const id = parseId(req.params.id);
    const existing = await getRecord(db, spec, id, ctx.scope);
    requireRole(ctx.scope, config.writers, `change ${spec.name}`);
    const input = adminOnlyFields(parseBody(config.update, req.body), ctx.scope.role);
    const changed = changedValues(existing, input);
    if (Object.keys(changed).length === 0) return void res.json(existing);
    const row = toRow({ ...input, search_name: config.searchName(input) });
    try {
      await db.transaction().execute(async (tx) => {
        await tx.updateTable(table).set(row as never).where('id', '=', id).execute();
        await recordChange(tx, ctx, { action: 'update', resource: spec.name, recordId: id, organisation: config.organisation(existing), data: changed });
      });
    } catch (error) {
      throw unique(error);
    }
    res.json(await getRecord(db, spec, id, ctx.scope));
  });
  router.delete('/:id', async (req, res) => {
    const ctx = actionContext(res);
    const id = parseId(req.params.id);
    const record = await getRecord(db, spec, id, ctx.scope);
    requireRole(ctx.scope, config.writers, `delete ${spec.name}`);
    try {
      await db.transaction().execute(async (tx) => {
        await tx.deleteFrom(table).where('id', '=', id).execute();
        await recordChange(tx, ctx, { action: 'delete', resource: spec.name, recordId: id, organisation: config.organisation(record), data: record });
      });
    } catch (error) {
      if (isConstraint(error, 'SQLITE_CONSTRAINT_FOREIGNKEY')) {
        throw new ConflictError(`This ${spec.label.toLowerCase()} is still in use and cannot be deleted`);
      }
      throw error;
    }
    res.json(record);
  });
  return router;
}

const nameAndEmail = (input: z.infer<typeof OrganisationInput>) => searchKey(input.name, input.email);

export function productRoutes(db: Db) {
  return catalogRouter(db, {
    spec: productsSpec,
    table: 'products',
    writers: ['admin'],
    create: ProductInput,
    update: ProductInput,
    searchName: (input) => searchKey(input.code, input.name),
    organisation: () => null,
  });
}

export function partnerRoutes(db: Db) {
  return catalogRouter(db, {
    spec: partnersSpec,
    table: 'partners',
    writers: ['admin'],
    create: OrganisationInput,
    update: OrganisationInput,
    searchName: nameAndEmail,
    organisation: (row) => ({ partnerId: row.id as number, resellerId: null }),
  });
}

export function resellerRoutes(db: Db) {
  return catalogRouter(db, {
    spec: resellersSpec,
    table: 'resellers',
    writers: ['admin', 'partner'],
    create: ResellerInput,
    update: OrganisationInput,
    searchName: nameAndEmail,
    organisation: (row) => ({ partnerId: row.partner_id as number, resellerId: row.id as number }),
    // A partner creates resellers under itself only: another partner is unknown to it.
    checkCreate: async (input, scope) => {
      await requirePartner(db, input.partner_id, scope);
    },
  });
}
