import { gzipSync } from 'node:zlib';
import { Router, type Request, type Response } from 'express';
import { sql, type Expression, type SqlBool, type SelectQueryBuilder } from 'kysely';
import type { Database } from '../db/schema.ts';
import type { Db } from '../data/transact.ts';
import { NotFoundError, ValidationError } from '../domain/errors.ts';
import { searchKey } from '../domain/search.ts';
import { requireRole, type Scope } from '../domain/access.ts';
import type { Role } from '../db/schema.ts';
import { actionContext } from './validate.ts';
import type { ReadCache } from './readCache.ts';
import { parseListQuery, type FieldSpec, type FilterValue, type ListQuery } from './listQuery.ts';
import { matchesText } from '../data/textSearch.ts';

/**
 * A readable resource of the API: where its rows come from, which fields it lists (each one
 * filterable and sortable), which columns `q` searches, and how a row becomes a JSON record.
 * `list` and `getOne` speak the ra-data-simple-rest protocol for every resource.
 */
// Rows are assembled dynamically from the field table, so the builder's row type is opaque here.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type AnyQuery = SelectQueryBuilder<Database, any, any>;

export interface ResourceSpec {
  name: string;
  /** Singular label used in 404 messages. */
  label: string;
  from(db: Db): AnyQuery;
  /** The rows a caller may see (server/src/domain/access.ts); null: all of them. */
  visibleTo(scope: Scope): Expression<SqlBool> | null;
  /** Roles that may read the resource at all (default: every role). */
  readers?: readonly Role[];
  fields: Record<string, FieldSpec>;
  /** Folded search_name columns `q` searches (accent- and case-insensitive substring); none means `q` is refused. */
  search?: string[];
  /** SQLite's trigram table over the same folded names, for large tables (see data/textSearch.ts). */
  searchIndex?: { table: string; key: string };
  defaultSort?: [string, 'ASC' | 'DESC'];
  toRecord?(row: Record<string, unknown>): Record<string, unknown>;
  /** Adds what a row cannot hold (an order's lines) to a page of records, in one query for the page. */
  attach?(db: Db, records: Record<string, unknown>[]): Promise<Record<string, unknown>[]>;
}

const attached = (db: Db, spec: ResourceSpec, records: Record<string, unknown>[]) =>
  spec.attach && records.length ? spec.attach(db, records) : Promise.resolve(records);

/** The SQL of a field: a column reference or the field's own expression. */
const sqlOf = (field: FieldSpec) => (typeof field.column === 'string' ? sql.ref(field.column) : field.column);

export function whereValue(field: FieldSpec, value: FilterValue): Expression<SqlBool> {
  const ref = sqlOf(field);
  if (value === null) return sql<SqlBool>`${ref} IS NULL`;
  if (!Array.isArray(value)) return sql<SqlBool>`${ref} = ${value}`;
  const present = value.filter((v) => v !== null);
  const parts: Expression<SqlBool>[] = [];
  if (present.length) parts.push(sql<SqlBool>`${ref} IN (${sql.join(present)})`);
  if (present.length < value.length) parts.push(sql<SqlBool>`${ref} IS NULL`);
  return parts.length ? sql<SqlBool>`(${sql.join(parts, sql` OR `)})` : sql<SqlBool>`FALSE`;
}

function selection(spec: ResourceSpec) {
  return Object.entries(spec.fields)
    .filter(([, f]) => !f.filterOnly)
    .map(([name, f]) => sqlOf(f).as(name));
}

/** The resource's rows the scope may see. */
export function visibleRows(db: Db, spec: ResourceSpec, scope: Scope): AnyQuery {
  const visible = spec.visibleTo(scope);
  return visible ? spec.from(db).where(visible) : spec.from(db);
}

export function filteredQuery(db: Db, spec: ResourceSpec, query: ListQuery, scope: Scope): AnyQuery {
  let builder = visibleRows(db, spec, scope);
  for (const [name, value] of Object.entries(query.filter)) {
    const field = spec.fields[name];
    builder = builder.where(field.filterOnly ? field.filterOnly.where(value) : whereValue(field, value));
  }
  if (query.q && spec.search) {
    builder = builder.where(matchesText(db, { columns: spec.search, sqliteIndex: spec.searchIndex }, searchKey(query.q)));
  }
  return builder;
}

const toRecord = (spec: ResourceSpec, row: Record<string, unknown>) => {
  const booleans = Object.entries(spec.fields).filter(([, f]) => f.type === 'bool');
  const record = { ...row };
  // Flags are stored 0/1; a computed condition is 0/1 on SQLite and true/false on PostgreSQL.
  for (const [name] of booleans) if (record[name] !== null) record[name] = record[name] === 1 || record[name] === true;
  return spec.toRecord ? spec.toRecord(record) : record;
};

/** The SQL of one list page: filtered, sorted (id breaks ties, so pages are stable), limited. */
export function pageQuery(db: Db, spec: ResourceSpec, query: ListQuery, scope: Scope): AnyQuery {
  return filteredQuery(db, spec, query, scope)
    .select(selection(spec))
    .orderBy(sqlOf(spec.fields[query.sort.field]), query.sort.order)
    .orderBy(sqlOf(spec.fields.id), query.sort.order)
    .limit(query.range.limit)
    .offset(query.range.offset);
}

/**
 * The records matching a list query, a page at a time in id order (keyset: every page costs the
 * same however far the export has gone), for exports that have no size limit.
 */
export async function* recordPages(db: Db, spec: ResourceSpec, query: ListQuery, scope: Scope, pageSize: number) {
  const id = sqlOf(spec.fields.id);
  let after = 0;
  for (;;) {
    const rows = await filteredQuery(db, spec, query, scope).select(selection(spec)).where(id, '>', after).orderBy(id).limit(pageSize).execute();
    if (rows.length > 0) yield await attached(db, spec, rows.map((r) => toRecord(spec, r)));
    if (rows.length < pageSize) return;
    after = rows[rows.length - 1].id as number;
  }
}

export const parseResourceQuery = (spec: ResourceSpec, rawQuery: unknown) =>
  parseListQuery(rawQuery, spec.fields, { searchable: !!spec.search, defaultSort: spec.defaultSort });

/** A key naming what a scope sees, for caches. */
export const scopeKey = (scope: Scope) => `${scope.role}:${scope.userId}:${scope.partnerId}:${scope.resellerId}`;

/**
 * One page and the full count of matching rows. Counting is the costly half over large tables, so
 * the count is cached per filter and scope until the next write (the page itself is cheap).
 */
export async function listRecords(db: Db, spec: ResourceSpec, rawQuery: unknown, scope: Scope, cache?: ReadCache) {
  const query = parseResourceQuery(spec, rawQuery);
  const rows = await pageQuery(db, spec, query, scope).execute();
  const count = async () =>
    Number(
      (await filteredQuery(db, spec, query, scope).select(sql<number>`count(*)`.as('total')).executeTakeFirstOrThrow()).total,
    );
  const key = `count|${spec.name}|${scopeKey(scope)}|${JSON.stringify(query.filter)}|${query.q ?? ''}`;
  const total = cache ? await cache.get(key, count) : await count();
  return { records: await attached(db, spec, rows.map((r) => toRecord(spec, r))), total, start: query.range.start };
}

export function parseId(raw: unknown, field = 'id'): number {
  const id = typeof raw === 'string' && /^\d+$/.test(raw) ? Number(raw) : NaN;
  if (!Number.isSafeInteger(id) || id < 1) throw new ValidationError(`Invalid ${field}: expected a positive integer`, { [field]: 'Expected a positive integer' });
  return id;
}

/** One record the scope may see; an id out of its scope is as unknown as a missing one (404). */
export async function getRecord(db: Db, spec: ResourceSpec, id: number, scope: Scope) {
  const row = await visibleRows(db, spec, scope)
    .select(selection(spec))
    .where(sqlOf(spec.fields.id), '=', id)
    .executeTakeFirst();
  if (!row) throw new NotFoundError(spec.label, id);
  return (await attached(db, spec, [toRecord(spec, row)]))[0];
}

/** A list answer ready to send: its Content-Range, its JSON text and that text gzipped. */
interface ListAnswer {
  contentRange: string;
  json: string;
  gzipped: Buffer;
}

function listAnswer(name: string, page: { records: unknown[]; total: number; start: number }): ListAnswer {
  const end = page.records.length ? page.start + page.records.length - 1 : page.start;
  const json = JSON.stringify(page.records);
  return { contentRange: `${name} ${page.start}-${end}/${page.total}`, json, gzipped: gzipSync(json) };
}

/** Sends a list answer, compressed once for all the times it is asked (compression() leaves it as is). */
function sendListAnswer(req: Request, res: Response, answer: ListAnswer) {
  res.set('Content-Range', answer.contentRange).type('json').vary('Accept-Encoding');
  if (req.acceptsEncodings('gzip', 'identity') === 'gzip') res.set('Content-Encoding', 'gzip').send(answer.gzipped);
  else res.send(answer.json);
}

/** Handlers for GET /R and GET /R/:id. */
function readHandlers(db: Db, spec: ResourceSpec) {
  return {
    // A whole answer is kept until the next write: the console asks the same pages again and again.
    list: async (req: Request, res: Response) => {
      const { scope } = actionContext(res);
      if (spec.readers) requireRole(scope, spec.readers, `read ${spec.name}`);
      const cache = res.locals.readCache as ReadCache | undefined;
      const compute = async () => listAnswer(spec.name, await listRecords(db, spec, req.query, scope, cache));
      const answer = cache
        ? await cache.get(`list|${scopeKey(scope)}|${req.originalUrl}`, compute, { bytes: (a) => a.json.length + a.gzipped.length })
        : await compute();
      sendListAnswer(req, res, answer);
    },
    one: async (req: Request, res: Response) => {
      const { scope } = actionContext(res);
      if (spec.readers) requireRole(scope, spec.readers, `read ${spec.name}`);
      res.json(await getRecord(db, spec, parseId(req.params.id), scope));
    },
  };
}

/** GET / (list) and GET /:id of a resource, on a router mounted at the resource's prefix (a new one by default). */
export function readRoutes(db: Db, spec: ResourceSpec, router = Router()) {
  const read = readHandlers(db, spec);
  router.get('/', read.list);
  router.get('/:id', read.one);
  return router;
}
