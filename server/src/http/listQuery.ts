import type { Expression, RawBuilder, SqlBool } from 'kysely';
import { z } from 'zod';
import { ValidationError } from '../domain/errors.ts';
import { isIsoDate } from '../clock.ts';
import { settings } from '../domain/settings.ts';
import { DATE_MAX, DATE_MIN } from '../domain/dates.ts';

/**
 * The ra-data-simple-rest list protocol: `sort=["field","ASC"]`, `range=[0,24]`,
 * `filter={"q":"…","field":value|[values]}`. Fields are checked against the resource's list,
 * values against the field's type, so a bad request is a 400 naming the parameter.
 */

export type FieldType = 'int' | 'number' | 'text' | 'bool' | 'date' | 'enum';

export interface FieldSpec {
  /** Column, qualified when the resource joins (e.g. 'clients.name'), or an SQL expression. */
  column: string | RawBuilder<unknown>;
  type: FieldType;
  values?: readonly string[];
  /**
   * A filter that is not a field of the record (e.g. clients by product): it is neither listed
   * nor sortable, and `where` says which rows match the (already checked) value.
   */
  filterOnly?: { where(value: FilterValue): Expression<SqlBool> };
}

export type FilterValue = number | string | null | (number | string | null)[];

export interface ListQuery {
  sort: { field: string; order: 'asc' | 'desc' };
  range: { offset: number; limit: number; start: number; end: number };
  filter: Record<string, FilterValue>;
  q?: string;
}

/** JSON text → value, reporting malformed JSON as a zod issue (a throw inside transform would be a 500). */
const jsonText = (name: string) =>
  z.string().transform((text, ctx) => {
    try {
      return JSON.parse(text) as unknown;
    } catch {
      ctx.addIssue({ code: 'custom', message: `${name} is not valid JSON` });
      return z.NEVER;
    }
  });

const SortSchema = jsonText('sort').pipe(
  z.tuple([z.string().min(1), z.string().transform((s) => s.toUpperCase()).pipe(z.enum(['ASC', 'DESC']))], {
    error: 'sort must be ["field","ASC"|"DESC"]',
  }),
);

const RangeSchema = jsonText('range')
  .pipe(z.tuple([z.number().int().min(0), z.number().int().min(0)], { error: 'range must be [start,end]' }))
  .refine(([start, end]) => end >= start, 'range end must not be before its start')
  .refine(
    ([start, end]) => end - start + 1 <= settings.maxPageSize,
    `a page holds at most ${settings.maxPageSize} rows`,
  );

// Not z.record: it copies keys by assignment, and a "__proto__" key would vanish instead of being refused.
const FilterSchema = jsonText('filter').refine(
  (value): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value),
  'filter must be a JSON object',
);

const single = z.union([z.string(), z.array(z.unknown())]).optional();
const QuerySchema = z.object({ sort: single, range: single, filter: single });

function parseParam<T>(schema: z.ZodType<T>, raw: unknown, name: string): T | undefined {
  if (raw === undefined) return undefined;
  if (typeof raw !== 'string') throw new ValidationError(`${name} is given more than once`, { [name]: 'Given more than once' });
  const parsed = schema.safeParse(raw);
  if (!parsed.success) {
    const message = parsed.error.issues[0].message;
    throw new ValidationError(`Invalid ${name}: ${message}`, { [name]: message });
  }
  return parsed.data;
}

function coerce(field: string, spec: FieldSpec, value: unknown): number | string | null {
  const fail = (expected: string): never => {
    throw new ValidationError(`Invalid filter ${field}: expected ${expected}`, { [field]: `Expected ${expected}` });
  };
  if (value === null) return null;
  switch (spec.type) {
    case 'int': {
      const n = typeof value === 'string' && /^-?\d+$/.test(value) ? Number(value) : value;
      return typeof n === 'number' && Number.isSafeInteger(n) ? n : fail('an integer');
    }
    case 'number': {
      const n = typeof value === 'string' && /^-?\d+(\.\d+)?$/.test(value) ? Number(value) : value;
      return typeof n === 'number' && Number.isFinite(n) ? n : fail('a number');
    }
    case 'bool':
      if (value === true || value === 'true' || value === 1) return 1;
      if (value === false || value === 'false' || value === 0) return 0;
      return fail('true or false');
    case 'date':
      return typeof value === 'string' && isIsoDate(value) && value >= DATE_MIN && value <= DATE_MAX
        ? value
        : fail(`a date YYYY-MM-DD between ${DATE_MIN} and ${DATE_MAX}`);
    case 'enum':
      return typeof value === 'string' && spec.values?.includes(value) ? value : fail(`one of ${spec.values?.join(', ')}`);
    case 'text':
      return typeof value === 'string' || typeof value === 'number' ? String(value) : fail('a string');
  }
}

export function parseListQuery(
  query: unknown,
  fields: Record<string, FieldSpec>,
  options: { searchable: boolean; defaultSort?: [string, 'ASC' | 'DESC'] },
): ListQuery {
  const raw = QuerySchema.safeParse(query);
  if (!raw.success) throw new ValidationError('Invalid list parameters', { query: raw.error.issues[0].message });
  const [sortField, sortOrder] = parseParam(SortSchema, raw.data.sort, 'sort') ?? options.defaultSort ?? ['id', 'ASC'];
  if (!Object.hasOwn(fields, sortField) || fields[sortField].filterOnly) {
    throw new ValidationError(`Unknown sort field ${sortField}`, { sort: `Unknown field ${sortField}` });
  }
  const [start, end] = parseParam(RangeSchema, raw.data.range, 'range') ?? [0, settings.maxPageSize - 1];
  const rawFilter = parseParam(FilterSchema, raw.data.filter, 'filter') ?? {};

  const filter: Record<string, FilterValue> = {};
  let q: string | undefined;
  for (const [name, value] of Object.entries(rawFilter)) {
    if (name === 'q' && options.searchable) {
      if (typeof value !== 'string') throw new ValidationError('Invalid filter q: expected text', { q: 'Expected text' });
      if (value.trim() !== '') q = value.trim();
      continue;
    }
    const spec = Object.hasOwn(fields, name) ? fields[name] : undefined;
    if (!spec) throw new ValidationError(`Unknown filter ${name}`, { [name]: `Unknown filter ${name}` });
    if (value === undefined) continue;
    filter[name] = Array.isArray(value) ? value.map((v) => coerce(name, spec, v)) : coerce(name, spec, value);
  }
  return {
    sort: { field: sortField, order: sortOrder === 'DESC' ? 'desc' : 'asc' },
    range: { offset: start, limit: end - start + 1, start, end },
    filter,
    q,
  };
}
