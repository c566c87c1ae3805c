import type { AddressInfo } from 'node:net';
import type { Server } from 'node:http';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkInvariants } from '../../server/src/domain/invariants.ts';
import { sessionCookieFor, testApp } from '../helpers/testApp.ts';
import { statusScenario, TODAY, type TestApp } from '../api/scenario.ts';

/**
 * Every route of the OpenAPI document, fuzzed from its own schema: values that fit it, mixed with
 * hostile ones (wrong types, huge, negative, fractions, NaN text, unicode and NUL, `__proto__`
 * keys, dates out of range, bad ids, bad sort/range/filter), sent as an admin, a partner and a
 * reseller. The answer is always a success or a 4xx with a message, never a 5xx; the ledger's
 * invariants hold afterwards.
 */

interface JsonSchema {
  type?: string | string[];
  properties?: Record<string, JsonSchema>;
  required?: string[];
  items?: JsonSchema;
  enum?: unknown[];
  const?: unknown;
  anyOf?: JsonSchema[];
  oneOf?: JsonSchema[];
  allOf?: JsonSchema[];
  minimum?: number;
  maximum?: number;
  exclusiveMinimum?: number;
  exclusiveMaximum?: number;
  minLength?: number;
  maxLength?: number;
  minItems?: number;
  maxItems?: number;
  format?: string;
  pattern?: string;
  $ref?: string;
}

interface Operation {
  parameters?: { name: string; in: 'path' | 'query' | 'header' | 'cookie'; required?: boolean; schema?: JsonSchema }[];
  requestBody?: { content?: Record<string, { schema?: JsonSchema }> };
}

/** Writes get more runs than reads: they are where licences move. */
const runsFor = (method: string) => (method === 'GET' ? 30 : 80);

/** Hostile values small enough for a URL. */
const hostileScalar: fc.Arbitrary<unknown> = fc.oneof(
  fc.constantFrom(
    true, false, null, [], {}, [3], [[1]], '', ' ', '0x10', '1e3', 'NaN', 'Infinity', '-0', -1, 0, 1.5, -2.5, 1e308, -1e308,
    Number.MAX_SAFE_INTEGER + 2, 2 ** 31, '2026-02-30', '0001-01-01', '0100-06-01', '0999-12-31', '9999-12-31',
    '10000-01-01', '2026-13-01', '+02026-01-01', 'Atelier\u0000Dupont', '\u202eevil', '\ud800', 'é'.normalize('NFD'),
    '<script>alert(1)</script>', "'; DROP TABLE pools; --", JSON.parse('{"__proto__":{"admin":true}}'), { constructor: { prototype: {} } },
  ),
  fc.string({ unit: 'grapheme', maxLength: 30 }),
  fc.string({ unit: 'binary', maxLength: 30 }),
  fc.integer(),
  fc.double(),
);
/** …and in bodies, a 1 MB string too. */
const hostile: fc.Arbitrary<unknown> = fc.oneof({ weight: 20, arbitrary: hostileScalar }, { weight: 1, arbitrary: fc.constant('x'.repeat(1_000_000)) });

/** An id that exists in the scenario (products, partners and resellers are 1–3; clients and subscriptions go further). */
const existingId = fc.oneof({ weight: 2, arbitrary: fc.integer({ min: 1, max: 3 }) }, { weight: 1, arbitrary: fc.integer({ min: 1, max: 12 }) });

/** Dates at the edges of the accepted range (2000-01-01 … 2999-12-31) and of what a date can be. */
const edgeDate = fc.constantFrom('0001-01-01', '0100-06-01', '0999-12-31', '1999-12-31', '2000-01-01', '2998-12-31', '2999-12-31', '3000-01-01', '9999-12-31', '10000-01-01');

/** An id, most of the time one that exists, so requests reach the domain. */
const idLike: fc.Arbitrary<unknown> = fc.oneof(
  { weight: 6, arbitrary: existingId },
  { weight: 3, arbitrary: fc.integer({ min: 1, max: 25 }) },
  { weight: 1, arbitrary: hostileScalar },
);

function fromSchema(schema: JsonSchema | undefined, name = '', hostility = true): fc.Arbitrary<unknown> {
  if (!schema) return hostile;
  if (schema.anyOf ?? schema.oneOf) return fc.oneof(...(schema.anyOf ?? schema.oneOf)!.map((s) => fromSchema(s, name, hostility)));
  if (schema.allOf?.length) return fromSchema(Object.assign({}, ...schema.allOf), name, hostility);
  if (schema.const !== undefined) return fc.constant(schema.const);
  if (schema.enum) return fc.constantFrom(...schema.enum);
  const types = Array.isArray(schema.type) ? schema.type : schema.type ? [schema.type] : [];
  if (types.length > 1) return fc.oneof(...types.map((type) => fromSchema({ ...schema, type }, name, hostility)));
  if (/(^|_)ids?$/.test(name) && types[0] === 'integer') return hostility ? idLike : existingId;
  switch (types[0]) {
    case 'integer': {
      const min = schema.minimum ?? (schema.exclusiveMinimum !== undefined ? schema.exclusiveMinimum + 1 : -1000);
      const max = schema.maximum ?? (schema.exclusiveMaximum !== undefined ? schema.exclusiveMaximum - 1 : 1000);
      const range = { min: Math.max(min, -1e6), max: Math.min(max, 1e6) };
      // Mostly small values (a few seats, a few years): they pass the domain's checks and move licences.
      return fc.oneof({ weight: 3, arbitrary: fc.integer({ min: range.min, max: Math.min(range.min + 4, range.max) }) }, { weight: 1, arbitrary: fc.integer(range) });
    }
    case 'number':
      return fc.double({ min: schema.minimum ?? -1e6, max: schema.maximum ?? 1e6, noNaN: true });
    case 'boolean':
      return fc.boolean();
    case 'null':
      return fc.constant(null);
    case 'array':
      return fc.array(fromSchema(schema.items, name.replace(/s$/, ''), hostility), { minLength: schema.minItems ?? 0, maxLength: Math.min(schema.maxItems ?? 3, 3) });
    case 'object':
      return bodyOf(schema, hostility);
    case 'string':
      if (schema.format === 'date' || /date/.test(name)) {
        const anyDay = fc.date({ min: new Date('1999-06-01'), max: new Date('3001-01-01'), noInvalidDate: true }).map((d) => d.toISOString().slice(0, 10));
        return fc.oneof({ weight: hostility ? 2 : 6, arbitrary: anyDay }, { weight: 1, arbitrary: edgeDate });
      }
      if (schema.format === 'email') return fc.emailAddress();
      return fc.string({ minLength: schema.minLength ?? 0, maxLength: Math.min(schema.maxLength ?? 40, 40) });
    default:
      return hostile;
  }
}

/** An object of the schema's properties (optional ones sometimes left out); with hostility, each one now and then replaced by a hostile value. */
function bodyOf(schema: JsonSchema, hostility: boolean): fc.Arbitrary<Record<string, unknown>> {
  const entries = Object.entries(schema.properties ?? {}).map(([key, property]) => [
    key,
    hostility ? fc.oneof({ weight: 5, arbitrary: fromSchema(property, key, true) }, { weight: 1, arbitrary: hostile }) : fromSchema(property, key, false),
  ]);
  return fc.record(Object.fromEntries(entries), { requiredKeys: (schema.required ?? []).filter((k) => k in (schema.properties ?? {})) });
}

/** The body as sent: JSON of a fitting object, of one with hostile values, with `__proto__` keys, or no JSON at all. */
const bodyText = (schema: JsonSchema | undefined): fc.Arbitrary<string> =>
  fc.oneof(
    { weight: 4, arbitrary: (schema ? bodyOf(schema, false) : fc.constant({})).map((b) => JSON.stringify(b)) },
    { weight: 4, arbitrary: (schema ? bodyOf(schema, true) : fc.constant({})).map((b) => JSON.stringify(b)) },
    { weight: 1, arbitrary: (schema ? bodyOf(schema, false) : fc.constant({})).map((b) => JSON.stringify({ ...b, constructor: { prototype: { admin: true } } }).replace(/^\{/, '{"__proto__":{"role":"admin"},')) },
    { weight: 1, arbitrary: hostile.map((v) => JSON.stringify(v) ?? 'undefined') },
    { weight: 1, arbitrary: fc.constantFrom('{"years": 1', 'NaN', '{"ids": [1,]}', '\u0000', '{"a":' + '['.repeat(5000)) },
  );

const listParameter: Record<string, fc.Arbitrary<string>> = {
  sort: fc.oneof(fc.constantFrom('["id","ASC"]', '["name","DESC"]', '["end_date","ASC"]', '["__proto__","ASC"]', '["id"]', '[1,2]', 'id', '["id","UP"]'), fc.string()),
  range: fc.oneof(fc.constantFrom('[0,24]', '[0,9]', '[5,0]', '[-1,10]', '[0,1e9]', '[0.5,2]', '[0]', '{}', '[0,99999999999999999999]'), fc.string()),
  filter: fc.oneof(
    fc.constantFrom('{}', '{"q":"dupont"}', '{"status":"to_renew"}', '{"id":[1,2,3]}', '{"end_date":"0500-01-01"}', '{"__proto__":{"x":1}}', '[]', 'null', '{"reseller_id":[[1]]}', '{"q":"\\u0000"}'),
    fc.dictionary(fc.constantFrom('id', 'q', 'name', 'status', 'reseller_id', 'partner_id', 'end_date', 'archived', 'nope'), hostileScalar).map((f) => JSON.stringify(f)),
  ),
};

/** A value of a path or query parameter as text; ids are mostly ones that exist. */
const parameterText = (name: string, schema: JsonSchema | undefined): fc.Arbitrary<string> =>
  listParameter[name] ??
  (name === 'id' ? fc.oneof({ weight: 4, arbitrary: existingId.map(String) }, { weight: 1, arbitrary: fc.constantFrom('0', '-1', 'abc', '1e3', '1.5', '%00', '99999999999999999999', '9'.repeat(400), '__proto__') }) : fc.oneof({ weight: 4, arbitrary: fromSchema(schema, name) }, { weight: 1, arbitrary: hostileScalar }).map((v) => (typeof v === 'string' ? v : JSON.stringify(v) ?? '')));

interface FuzzRequest {
  role: keyof Cookies;
  method: string;
  path: string;
  body?: string;
}
type Cookies = { admin: string; partner: string; reseller: string };

let t: TestApp;
let server: Server;
let base: string;
let cookies: Cookies;
let spec: { paths: Record<string, Record<string, Operation>> };

beforeAll(async () => {
  t = await testApp(TODAY);
  await statusScenario(t);
  const alpha = (await t.db.selectFrom('partners').select('id').where('name', '=', 'Alpha').executeTakeFirstOrThrow()).id;
  const nord = (await t.db.selectFrom('resellers').select('id').where('name', '=', 'Alpha Nord').executeTakeFirstOrThrow()).id;
  // The fuzzing logins get ids far above the ones the fuzzer aims at, so it cannot delete them.
  t.sqlite!.exec("INSERT INTO users (id, email, name, role, password_hash, search_name, created_at) VALUES (100000, 'placeholder@cascade.test', 'Placeholder', 'admin', 'unusable', 'placeholder', '2026-01-01')");
  cookies = {
    admin: await sessionCookieFor(t, { email: 'fuzz-admin@cascade.test', role: 'admin' }),
    partner: await sessionCookieFor(t, { email: 'fuzz-partner@cascade.test', role: 'partner', partner_id: alpha }),
    reseller: await sessionCookieFor(t, { email: 'fuzz-reseller@cascade.test', role: 'reseller', partner_id: alpha, reseller_id: nord }),
  };
  server = t.server.listen(0);
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  spec = await (await fetch(`${base}/api/openapi.json`)).json();
});
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

/** Routes that end the fuzzer's own session are left out: they would only turn the rest into 401s. */
const skipped = new Set(['POST /api/auth/logout', 'POST /api/auth/password', 'POST /api/auth/totp/enable', 'POST /api/auth/totp/disable']);

function operations() {
  const list: { method: string; path: string; operation: Operation }[] = [];
  for (const [path, methods] of Object.entries(spec.paths)) {
    for (const [method, operation] of Object.entries(methods)) {
      if (!['get', 'post', 'put', 'patch', 'delete'].includes(method)) continue;
      const full = path.startsWith('/api') ? path : `/api${path}`;
      if (skipped.has(`${method.toUpperCase()} ${full}`)) continue;
      list.push({ method: method.toUpperCase(), path: full, operation });
    }
  }
  return list;
}

function requestOf(method: string, path: string, operation: Operation): fc.Arbitrary<FuzzRequest> {
  const parameters = operation.parameters ?? [];
  const pathParameters = parameters.filter((p) => p.in === 'path');
  const queryParameters = parameters.filter((p) => p.in === 'query');
  const bodySchema = operation.requestBody?.content?.['application/json']?.schema;
  return fc.record({
    role: fc.constantFrom<keyof Cookies>('admin', 'partner', 'reseller'),
    pathValues: fc.tuple(...pathParameters.map((p) => parameterText(p.name, p.schema))),
    query: fc.tuple(...queryParameters.map((p) => fc.option(parameterText(p.name, p.schema), { nil: undefined }))),
    extraQuery: fc.option(fc.constantFrom('sort=x&sort=y', 'filter=%7B', 'range=[0,1]&range=[1,2]', '__proto__[x]=1', 'years[]=1'), { nil: undefined }),
    body: method === 'GET' || method === 'DELETE' ? fc.constant(undefined) : bodyText(bodySchema),
  }).map(({ role, pathValues, query, extraQuery, body }) => {
    let filled = path;
    pathParameters.forEach((p, i) => (filled = filled.replace(`{${p.name}}`, encodeURIComponent(pathValues[i].replace(/\p{Surrogate}/gu, '\ufffd')))));
    const search = new URLSearchParams();
    queryParameters.forEach((p, i) => query[i] !== undefined && search.set(p.name, query[i]!));
    const qs = [search.toString(), extraQuery].filter(Boolean).join('&');
    return { role, method, path: qs ? `${filled}?${qs}` : filled, body };
  });
}

describe('fuzzing every route from its OpenAPI schema', () => {
  it('answers a success or a 4xx with a message, never a 5xx, and leaves the ledger consistent', async () => {
    const routes = operations();
    expect(routes.length).toBeGreaterThan(30);
    let tried = 0;
    const statuses: Record<number, number> = {};
    for (const route of routes) {
      await fc.assert(
        fc.asyncProperty(requestOf(route.method, route.path, route.operation), async (req) => {
          tried++;
          const res = await fetch(`${base}${req.path}`, {
            method: req.method,
            headers: { Cookie: cookies[req.role], ...(req.body !== undefined ? { 'Content-Type': 'application/json' } : {}) },
            body: req.body,
          });
          const text = await res.text();
          statuses[res.status] = (statuses[res.status] ?? 0) + 1;
          if (res.status >= 500) throw new Error(`${req.method} ${req.path} as ${req.role} → ${res.status} ${text.slice(0, 300)}\nbody: ${req.body?.slice(0, 300)}`);
          if (res.status >= 400) {
            const body = JSON.parse(text);
            if (typeof body.message !== 'string' || body.message === '') throw new Error(`${req.method} ${req.path} → ${res.status} without a message: ${text.slice(0, 200)}`);
          }
        }),
        { numRuns: runsFor(route.method), endOnFailure: true },
      );
    }
    console.log(`fuzz: ${tried} requests on ${routes.length} routes, statuses ${JSON.stringify(statuses)}`);
    expect(statuses[200] ?? 0).toBeGreaterThan(0);
    expect(statuses[201] ?? 0).toBeGreaterThan(0);
    expect((await checkInvariants(t.db)).map((f) => f.message)).toEqual([]);
  }, 240_000);
});
