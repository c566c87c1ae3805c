import request from 'supertest';
import { describe, expect, it } from 'vitest';
import { mountedRoutes } from '../../server/src/http/mountedRoutes.ts';
import { testApp } from '../helpers/testApp.ts';

interface Operation {
  summary?: string;
  tags?: string[];
  parameters?: { name: string; in: string }[];
  requestBody?: { content: { 'application/json': { schema: JsonSchema } } };
  responses: Record<string, { $ref?: string; description?: string }>;
  security?: unknown[];
}
interface JsonSchema {
  type?: string | string[];
  properties?: Record<string, JsonSchema>;
  items?: JsonSchema;
  required?: string[];
  maximum?: number;
  format?: string;
}
type Document = {
  openapi: string;
  paths: Record<string, Record<string, Operation>>;
  components: { schemas: Record<string, JsonSchema>; responses: Record<string, { content: { 'application/json': { schema: { $ref: string } } } }> };
};

const METHODS = ['get', 'post', 'put', 'delete', 'patch'];

/** "GET /api/clients/:id" for every operation of the document. */
const documented = (doc: Document) =>
  Object.entries(doc.paths).flatMap(([path, item]) =>
    Object.keys(item)
      .filter((m) => METHODS.includes(m))
      .map((m) => `${m.toUpperCase()} ${path.replace(/\{(\w+)\}/g, ':$1')}`),
  );

async function fetchDocument() {
  const t = await testApp();
  // The bare server, with no session cookie: the document is public.
  const res = await request(t.server).get('/api/openapi.json');
  expect(res.status).toBe(200);
  return { t, doc: res.body as Document };
}

describe('GET /api/openapi.json', () => {
  it('is an OpenAPI 3.1 document of every route the application mounts, and of nothing else', async () => {
    const { t, doc } = await fetchDocument();
    expect(doc.openapi).toBe('3.1.0');
    const mounted = mountedRoutes(t.server)
      .filter((r) => r.path.startsWith('/api/'))
      .map((r) => `${r.method} ${r.path}`);
    expect(mounted.length).toBeGreaterThan(50);
    const described = documented(doc);
    expect(mounted.filter((r) => !described.includes(r)), 'mounted routes missing from the OpenAPI document').toEqual([]);
    expect(described.filter((r) => !mounted.includes(r)), 'documented routes that are not mounted').toEqual([]);
  });

  it('gives each operation a summary, a tag, its path parameters and its error answers', async () => {
    const { doc } = await fetchDocument();
    const faults: string[] = [];
    for (const [path, item] of Object.entries(doc.paths)) {
      for (const [method, op] of Object.entries(item)) {
        const name = `${method.toUpperCase()} ${path}`;
        if (!op.summary || !/^[A-Z]/.test(op.summary)) faults.push(`${name}: no summary`);
        if (!op.tags?.length) faults.push(`${name}: no tag`);
        for (const [, param] of path.matchAll(/\{(\w+)\}/g)) {
          if (!op.parameters?.some((p) => p.in === 'path' && p.name === param)) faults.push(`${name}: path parameter ${param} not described`);
        }
        if (op.responses['500']?.$ref !== '#/components/responses/Error500') faults.push(`${name}: no 500 answer`);
        if (['post', 'put'].includes(method) && op.requestBody && !op.responses['400']) faults.push(`${name}: no 400 answer`);
        if (!Object.keys(op.responses).some((s) => /^2\d\d$/.test(s))) faults.push(`${name}: no success answer`);
      }
    }
    expect(faults).toEqual([]);
    // Every error answer has the error body, request_id included.
    expect(doc.components.responses.Error409.content['application/json'].schema.$ref).toBe('#/components/schemas/Error');
    expect(doc.components.schemas.Error.required).toEqual(['message', 'request_id']);
    // Public routes say so; the others need the session cookie.
    expect(doc.paths['/api/auth/login'].post.security).toEqual([]);
    expect(doc.paths['/api/clients'].get.security).toBeUndefined();
  });

  it('refers only to components it defines', async () => {
    const { doc } = await fetchDocument();
    const refs = [...JSON.stringify(doc).matchAll(/"\$ref":"([^"]+)"/g)].map((m) => m[1]);
    expect(refs.length).toBeGreaterThan(100);
    const dangling = [...new Set(refs)].filter((ref) => {
      const target = ref.replace(/^#\//, '').split('/').reduce<unknown>((node, key) => (node as Record<string, unknown> | undefined)?.[key], doc);
      return !ref.startsWith('#/components/') || target === undefined;
    });
    expect(dangling).toEqual([]);
  });

  it('describes a request body with the very schema that validates it', async () => {
    const { t, doc } = await fetchDocument();
    const body = doc.paths['/api/clients'].post.requestBody!.content['application/json'].schema;
    expect(body.required).toEqual(['name', 'subscriptions']);
    const line = body.properties!.subscriptions.items!;
    expect(line.required).toEqual(['product_id', 'start_date', 'years', 'seats']);
    expect(line.properties!.start_date.format).toBe('date');
    expect(line.properties!.years).toMatchObject({ type: 'integer', maximum: 10 });

    // One year more than the document allows is what the route refuses, naming the field.
    const refused = await request(t.app)
      .post('/api/clients')
      .send({ name: 'Atelier Dupont', subscriptions: [{ product_id: 1, start_date: '2026-01-15', years: line.properties!.years.maximum! + 1, seats: 1 }] });
    expect(refused.status).toBe(400);
    expect(Object.keys(refused.body.errors)).toEqual(['subscriptions.0.years']);

    // Query parameters too: a renewal quote needs `years`.
    const quote = doc.paths['/api/subscriptions/{id}/renewal-quote'].get;
    expect(quote.parameters!.map((p) => `${p.in}:${p.name}`)).toEqual(['path:id', 'query:years', 'query:seats']);
  });
});
