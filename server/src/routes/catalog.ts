import { Router } from 'express';
import { z } from 'zod';
import type { Db } from '../db/connection.ts';
import { ConflictError, NotFoundError } from '../domain/errors.ts';
import { requirePartner } from '../domain/hierarchy.ts';
import { searchKey } from '../domain/search.ts';
import { getRecord, parseId, readHandlers, type ResourceSpec } from '../http/resource.ts';
import { fields, parseBody } from '../http/validate.ts';

/**
 * The plain editable resources (products, partners, resellers): list, read, create, update, and
 * delete while nothing refers to them.
 */

export const productsSpec: ResourceSpec = {
  name: 'products',
  label: 'Product',
  from: (db) => db.selectFrom('products'),
  fields: {
    id: { column: 'products.id', type: 'int' },
    code: { column: 'products.code', type: 'text' },
    name: { column: 'products.name', type: 'text' },
  },
  search: ['products.search_name'],
  defaultSort: ['code', 'ASC'],
};

export const partnersSpec: ResourceSpec = {
  name: 'partners',
  label: 'Partner',
  from: (db) => db.selectFrom('partners'),
  fields: {
    id: { column: 'partners.id', type: 'int' },
    name: { column: 'partners.name', type: 'text' },
    email: { column: 'partners.email', type: 'text' },
  },
  search: ['partners.search_name'],
  defaultSort: ['name', 'ASC'],
};

export const resellersSpec: ResourceSpec = {
  name: 'resellers',
  label: 'Reseller',
  from: (db) => db.selectFrom('resellers'),
  fields: {
    id: { column: 'resellers.id', type: 'int' },
    name: { column: 'resellers.name', type: 'text' },
    email: { column: 'resellers.email', type: 'text' },
    partner_id: { column: 'resellers.partner_id', type: 'int' },
  },
  search: ['resellers.search_name'],
  defaultSort: ['name', 'ASC'],
};

const ProductInput = z.object({ code: z.string().trim().min(1, 'Required').max(40), name: fields.name });
const PartnerInput = z.object({ name: fields.name, email: fields.email });
const ResellerInput = PartnerInput.extend({ partner_id: fields.id });

type Table = 'products' | 'partners' | 'resellers';

const isConstraint = (error: unknown, code: string) =>
  typeof error === 'object' && error !== null && (error as { code?: string }).code === code;

interface CatalogTable<C extends z.ZodObject, U extends z.ZodObject> {
  spec: ResourceSpec;
  table: Table;
  create: C;
  /** What a user may change (react-admin sends the whole record; the rest is ignored). */
  update: U;
  /** The folded names `q` searches, from what create and update both carry. */
  searchName(input: z.infer<C> | z.infer<U>): string;
  checkCreate?(input: z.infer<C>): Promise<void>;
}

/** CRUD for one catalog table. */
function catalogRouter<C extends z.ZodObject, U extends z.ZodObject>(db: Db, config: CatalogTable<C, U>) {
  const { spec, table } = config;
  const router = Router();
  const read = readHandlers(db, spec);
  const unique = (error: unknown) => {
    if (isConstraint(error, 'SQLITE_CONSTRAINT_UNIQUE')) {
      return new ConflictError(`This ${spec.label.toLowerCase()} already exists`, { code: 'Already used' });
    }
    return error;
  };
  router.get('/', read.list);
  router.get('/:id', read.one);
  router.post('/', async (req, res) => {
    const input = parseBody(config.create, req.body);
    await config.checkCreate?.(input);
    const row = { ...input, search_name: config.searchName(input) };
    try {
      const { id } = await db.insertInto(table).values(row as never).returning('id').executeTakeFirstOrThrow();
      res.status(201).json(await getRecord(db, spec, id));
    } catch (error) {
      throw unique(error);
    }
  });
  router.put('/:id', async (req, res) => {
    const id = parseId(req.params.id);
    const input = parseBody(config.update, req.body);
    const row = { ...input, search_name: config.searchName(input) };
    try {
      const result = await db.updateTable(table).set(row as never).where('id', '=', id).executeTakeFirst();
      if (result.numUpdatedRows === 0n) throw new NotFoundError(spec.label, id);
    } catch (error) {
      throw unique(error);
    }
    res.json(await getRecord(db, spec, id));
  });
  router.delete('/:id', async (req, res) => {
    const id = parseId(req.params.id);
    const record = await getRecord(db, spec, id);
    try {
      await db.deleteFrom(table).where('id', '=', id).execute();
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

export function catalogRoutes(db: Db) {
  const router = Router();
  const nameAndEmail = (input: z.infer<typeof PartnerInput>) => searchKey(input.name, input.email);
  router.use(
    '/products',
    catalogRouter(db, {
      spec: productsSpec,
      table: 'products',
      create: ProductInput,
      update: ProductInput,
      searchName: (input) => searchKey(input.code, input.name),
    }),
  );
  router.use(
    '/partners',
    catalogRouter(db, { spec: partnersSpec, table: 'partners', create: PartnerInput, update: PartnerInput, searchName: nameAndEmail }),
  );
  router.use(
    '/resellers',
    catalogRouter(db, {
      spec: resellersSpec,
      table: 'resellers',
      create: ResellerInput,
      update: PartnerInput,
      searchName: nameAndEmail,
      checkCreate: async (input) => {
        await requirePartner(db, input.partner_id);
      },
    }),
  );
  return router;
}
