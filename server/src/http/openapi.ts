import { OpenAPIRegistry, OpenApiGeneratorV31, type ResponseConfig } from '@asteasolutions/zod-to-openapi';
import { z } from 'zod';
import { settings } from '../domain/settings.ts';
import type { FieldSpec } from './listQuery.ts';
import type { ResourceSpec } from './resource.ts';
import { fields, isoDate } from './validate.ts';
import { REQUEST_ID_HEADER } from './requestLog.ts';
import { SESSION_COOKIE } from './session.ts';

/**
 * How one route of the API is described in OpenAPI 3.1 (zod-to-openapi): its path, the very zod
 * schemas that validate its input, its answer and the errors it may give. routes/apiDocument.ts uses these
 * for every route; the OpenAPI test checks that none of the mounted routes is left out.
 */

// Metadata only (the global zod registry): the shared date schema is documented as a date.
z.globalRegistry.add(isoDate, { format: 'date', description: 'A date YYYY-MM-DD between 2000-01-01 and 2999-12-31' });

/** The body of every error answer (http/errors.ts). */
export const ErrorBody = z
  .object({
    message: z.string().meta({ description: 'What went wrong, in English' }),
    errors: z.record(z.string(), z.string()).optional().meta({ description: 'One message per invalid field (field path → message)' }),
    code: z.string().optional().meta({ description: 'A stable code the console translates, e.g. insufficient_licenses' }),
    details: z.record(z.string(), z.union([z.number(), z.string()])).optional().meta({ description: 'Figures of the refusal, e.g. needed and balance' }),
    request_id: z.string().meta({ description: `The request id, also in the ${REQUEST_ID_HEADER} header and the request log` }),
  })
  .meta({ id: 'Error' });

const ERROR_MEANINGS: Record<number, string> = {
  400: 'Invalid input: `errors` names each bad field',
  401: 'No session, the session has expired, or an unknown, revoked or expired API key',
  403: 'Not allowed for this role or organisation, two-factor set-up required, or a cross-origin write',
  404: 'No such record, or one outside the caller’s organisation',
  409: 'Conflict: not enough licenses, still in use, already exists, or an Idempotency-Key reused for another request',
  413: 'The request body is larger than 100 kB',
  415: 'The body is not UTF-8 JSON, or its Content-Encoding is unknown',
  429: 'Too many attempts: try again later',
  500: 'Unexpected error: the message is generic; quote the request_id to the operator',
};

// Shared pieces are components, referred to by every route rather than repeated in each.
const ref = (kind: 'schemas' | 'headers' | 'responses', name: string) => ({ $ref: `#/components/${kind}/${name}` });
const requestIdHeader = { [REQUEST_ID_HEADER]: ref('headers', 'RequestId') };

/** A registry holding the components every route refers to: the error body and answers, the request id, the session. */
export function createApiRegistry() {
  const registry = new OpenAPIRegistry();
  // The error answers are plain components, so their body schema is converted on its own here.
  const { schemas } = new OpenApiGeneratorV31([{ type: 'schema', schema: ErrorBody }]).generateComponents().components ?? {};
  registry.registerComponent('schemas', 'Error', schemas!.Error);
  registry.registerComponent('headers', 'RequestId', {
    description: 'The request’s id (the caller’s own when it matches ^[A-Za-z0-9._-]{1,64}$, else a new UUID)',
    schema: { type: 'string' },
  });
  for (const [status, description] of Object.entries(ERROR_MEANINGS)) {
    registry.registerComponent('responses', `Error${status}`, {
      description,
      headers: requestIdHeader,
      content: { 'application/json': { schema: ref('schemas', 'Error') } },
    });
  }
  registry.registerComponent('securitySchemes', 'session', {
    type: 'apiKey',
    in: 'cookie',
    name: SESSION_COOKIE,
    description: 'Set by POST /api/auth/login (httpOnly, SameSite=Strict)',
  });
  registry.registerComponent('securitySchemes', 'bearerAuth', {
    type: 'http',
    scheme: 'bearer',
    description: 'An API key (csk_…) from POST /api/api_keys, as `Authorization: Bearer <secret>`: acts as its organisation on every route but /api/auth/*; `read` keys only read, `usage` keys read and post /api/usage; 429 with Retry-After past API_KEY_RATE_LIMIT requests a minute',
  });
  return registry;
}

type Method = 'get' | 'post' | 'put' | 'delete';

export interface RouteDescription {
  method: Method;
  /** The Express pattern, e.g. /api/clients/:id (each :name is a positive integer id). */
  path: string;
  tag: string;
  /** One English sentence: what the route does. */
  summary: string;
  description?: string;
  /** Public routes need no session cookie. */
  public?: boolean;
  query?: z.ZodObject | z.ZodPipe;
  body?: z.ZodType;
  /** License-moving actions take an Idempotency-Key: the same key answers the first result again. */
  idempotent?: boolean;
  success: {
    status?: number;
    description: string;
    schema?: z.ZodType;
    /** What the answer is (default JSON). */
    contentType?: string;
    headers?: Record<string, { description: string; schema: { type: 'string' } }>;
  };
  /** Error statuses besides those the route's shape implies (400 for input, 401/403 for a session, 404 for an id…). */
  errors?: number[];
}

/** Express's `/clients/:id` → OpenAPI's `/clients/{id}`. */
export const openApiPath = (expressPath: string) => expressPath.replace(/:(\w+)/g, '{$1}');

const pathParams = (expressPath: string) => {
  const names = [...expressPath.matchAll(/:(\w+)/g)].map((m) => m[1]);
  return names.length ? z.object(Object.fromEntries(names.map((n) => [n, fields.id]))) : undefined;
};

const idempotencyHeader = z.object({
  'Idempotency-Key': z
    .string()
    .min(1)
    .max(255)
    .optional()
    .meta({ description: 'Any unique text (1–255 characters): a retry with the same key and body answers the first result and moves nothing again' }),
});

/** Registers one route. */
export function describeRoute(registry: OpenAPIRegistry, route: RouteDescription) {
  const params = pathParams(route.path);
  const statuses = new Set([...(route.errors ?? []), 500]);
  if (route.query || route.body || params) statuses.add(400);
  if (params) statuses.add(404);
  if (route.body) [413, 415].forEach((s) => statuses.add(s));
  if (!route.public) [401, 403].forEach((s) => statuses.add(s));
  const responses: Record<number, ResponseConfig | ReturnType<typeof ref>> = {
    [route.success.status ?? 200]: {
      description: route.success.description,
      headers: { ...requestIdHeader, ...route.success.headers },
      ...(route.success.schema ? { content: { [route.success.contentType ?? 'application/json']: { schema: route.success.schema } } } : {}),
    },
  };
  for (const status of [...statuses].sort()) responses[status] = ref('responses', `Error${status}`);
  registry.registerPath({
    method: route.method,
    path: openApiPath(route.path),
    tags: [route.tag],
    summary: route.summary,
    ...(route.description ? { description: route.description } : {}),
    ...(route.public ? { security: [] } : {}),
    request: {
      ...(params ? { params } : {}),
      ...(route.query ? { query: route.query } : {}),
      ...(route.idempotent ? { headers: idempotencyHeader } : {}),
      ...(route.body ? { body: { required: true, content: { 'application/json': { schema: route.body } } } } : {}),
    },
    responses,
  });
}

/** The JSON type of a listed field. Fields other than the id may be null (a reseller_id of a partner's client…). */
function fieldSchema(name: string, field: FieldSpec): z.ZodType {
  const base = {
    int: () => z.number().int(),
    number: () => z.number(),
    text: () => z.string(),
    bool: () => z.boolean(),
    date: () => z.string().meta({ format: 'date' }),
    enum: () => z.enum(field.values as [string, ...string[]]),
  }[field.type]();
  return name === 'id' ? base : base.nullable();
}

/** The record a resource answers, from the same field table that lists, filters and sorts it. */
export function recordSchema(spec: ResourceSpec, id: string, computed: Record<string, z.ZodType> = {}) {
  const shape = Object.fromEntries(
    Object.entries(spec.fields)
      .filter(([, field]) => !field.filterOnly)
      .map(([name, field]) => [name, fieldSchema(name, field)]),
  );
  return z.object({ ...shape, ...computed }).meta({ id });
}

/** ra-data-simple-rest's list parameters, naming the resource's own fields. */
function listQuery(spec: ResourceSpec) {
  const listed = Object.entries(spec.fields).filter(([, f]) => !f.filterOnly).map(([name]) => name);
  const filterable = [...Object.keys(spec.fields), ...(spec.search ? ['q'] : [])];
  const [sortField, sortOrder] = spec.defaultSort ?? ['id', 'ASC'];
  return z.object({
    sort: z
      .string()
      .optional()
      .meta({ description: `JSON ["field","ASC"|"DESC"]; field one of ${listed.join(', ')}. Default ["${sortField}","${sortOrder}"]`, example: `["${sortField}","${sortOrder}"]` }),
    range: z.string().optional().meta({ description: `JSON [start,end], both included, at most ${settings.maxPageSize} rows`, example: '[0,24]' }),
    filter: z
      .string()
      .optional()
      .meta({
        description: `JSON object of field → value or list of values; fields: ${filterable.join(', ')}${spec.search ? ' (q searches names, ignoring case and accents)' : ''}`,
        example: spec.search ? '{"q":"dupont"}' : '{}',
      }),
  });
}

const contentRange = {
  'Content-Range': { description: 'The rows answered and the total matching, e.g. clients 0-24/319', schema: { type: 'string' as const } },
};

/** GET /<name> (a page of the list) and GET /<name>/:id (one record) of a resource. */
export function describeReadRoutes(
  registry: OpenAPIRegistry,
  spec: ResourceSpec,
  { tag, record, prefix = '/api', plural = spec.name.replace(/_/g, ' ') }: { tag: string; record: z.ZodType; prefix?: string; plural?: string },
) {
  const readers = spec.readers ? ` Readable by: ${spec.readers.join(', ')}.` : '';
  describeRoute(registry, {
    method: 'get',
    path: `${prefix}/${spec.name}`,
    tag,
    summary: `List ${plural}: one page, sorted and filtered`,
    description: `Only the rows of the caller’s organisation.${readers}`,
    query: listQuery(spec),
    success: { description: `A page of ${plural}`, schema: z.array(record), headers: contentRange },
  });
  describeRoute(registry, {
    method: 'get',
    path: `${prefix}/${spec.name}/:id`,
    tag,
    summary: `Read one ${spec.label.toLowerCase()}`,
    ...(readers ? { description: readers.trim() } : {}),
    success: { description: `The ${spec.label.toLowerCase()}`, schema: record },
  });
}
