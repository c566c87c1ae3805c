import { z } from 'zod';
import type { Db } from '../data/transact.ts';
import type { Role } from '../db/schema.ts';
import { requireRole, type Scope } from '../domain/access.ts';
import { changedValues } from '../domain/changes.ts';
import { checkPartnerDiscount, checkResellerDiscount } from '../domain/discounts.ts';
import { requirePartner } from '../domain/hierarchy.ts';
import { searchKey } from '../domain/search.ts';
import { getRecord, parseId, readRoutes } from '../http/resource.ts';
import { actionContext, fields, legalIdentityFields, parseBody, text } from '../http/validate.ts';
import { createCatalogRow, deleteCatalogRow, updateCatalogRow, type CatalogResource } from '../resources/catalogRows.ts';
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
  ...legalIdentityFields,
  discount_percent: fields.percent.optional(),
});
const ResellerInput = OrganisationInput.extend({ partner_id: fields.id });

/** The schemas that validate this router's requests, for the OpenAPI document. */
export const catalogSchemas = { ProductInput, OrganisationInput, ResellerInput };

interface CatalogConfig<C extends z.ZodObject, U extends z.ZodObject> extends CatalogResource {
  /** Roles that may create, update and delete (within what they see). */
  writers: readonly Role[];
  create: C;
  /** What a user may change (react-admin sends the whole record; the rest is ignored). */
  update: U;
  /** The folded names `q` searches, from what create and update both carry. */
  searchName(input: z.infer<C> | z.infer<U>): string;
  checkCreate?(input: z.infer<C>, scope: Scope): Promise<void>;
}

/** Fields only an admin may set (requiring two-factor authentication); others' values are ignored. */
function adminOnlyFields<T extends { require_totp?: boolean }>(input: T, role: Role): T {
  if (role === 'admin' || !('require_totp' in input)) return input;
  const { require_totp: _ignored, ...rest } = input;
  return rest as T;
}

/** CRUD for one catalog table. */
function catalogRouter<C extends z.ZodObject, U extends z.ZodObject>(db: Db, config: CatalogConfig<C, U>) {
  const { spec } = config;
  const router = readRoutes(db, spec);
  router.post('/', async (req, res) => {
    const ctx = actionContext(res);
    requireRole(ctx.scope, config.writers, `create ${spec.name}`);
    const input = adminOnlyFields(parseBody(config.create, req.body), ctx.scope.role);
    await config.checkCreate?.(input, ctx.scope);
    const record = await createCatalogRow(db, ctx, config, { ...input, search_name: config.searchName(input) }, input);
    res.status(201).json(record);
  });
  router.put('/:id', async (req, res) => {
    const ctx = actionContext(res);
    const id = parseId(req.params.id);
    const existing = await getRecord(db, spec, id, ctx.scope);
    requireRole(ctx.scope, config.writers, `change ${spec.name}`);
    const input = adminOnlyFields(parseBody(config.update, req.body), ctx.scope.role);
    const changed = changedValues(existing, input);
    if (Object.keys(changed).length === 0) return void res.json(existing);
    await updateCatalogRow(db, ctx, config, existing, { ...input, search_name: config.searchName(input) }, changed);
    res.json(await getRecord(db, spec, id, ctx.scope));
  });
  router.delete('/:id', async (req, res) => {
    const ctx = actionContext(res);
    const record = await getRecord(db, spec, parseId(req.params.id), ctx.scope);
    requireRole(ctx.scope, config.writers, `delete ${spec.name}`);
    await deleteCatalogRow(db, ctx, config, record);
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
    checkWrite: async (tx, values, existing) => {
      if (existing && typeof values.discount_percent === 'number') await checkPartnerDiscount(tx, existing.id as number, values.discount_percent);
    },
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
    checkWrite: async (tx, values, existing) => {
      const partnerId = (existing ?? values).partner_id as number;
      if (typeof values.discount_percent === 'number') await checkResellerDiscount(tx, partnerId, values.discount_percent);
    },
  });
}
