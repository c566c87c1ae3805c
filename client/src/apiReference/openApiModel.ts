/**
 * The OpenAPI 3.1 document of GET /api/openapi.json, reduced to what the API reference page shows:
 * operations grouped by tag, each with its parameters and the fields of its JSON body.
 */

export interface JsonSchema {
    $ref?: string;
    type?: string | string[];
    format?: string;
    description?: string;
    enum?: unknown[];
    const?: unknown;
    minimum?: number;
    maximum?: number;
    exclusiveMinimum?: number;
    minLength?: number;
    maxLength?: number;
    minItems?: number;
    maxItems?: number;
    items?: JsonSchema;
    properties?: Record<string, JsonSchema>;
    required?: string[];
    anyOf?: JsonSchema[];
    oneOf?: JsonSchema[];
    allOf?: JsonSchema[];
}

interface RawParameter {
    $ref?: string;
    name: string;
    in: string;
    required?: boolean;
    description?: string;
    schema?: JsonSchema;
}

interface RawOperation {
    tags?: string[];
    summary?: string;
    description?: string;
    security?: unknown[];
    parameters?: RawParameter[];
    requestBody?: { content?: Record<string, { schema?: JsonSchema }> };
    responses?: Record<string, { $ref?: string; description?: string }>;
}

export interface OpenApiDocument {
    openapi: string;
    info?: { title?: string; description?: string };
    paths: Record<string, Record<string, RawOperation>>;
    components?: Record<string, Record<string, unknown>>;
}

/** A value's type, as the page names it: a base type, whether null is allowed, and its bounds. */
export interface TypeInfo {
    type: string;
    /** For a list: the type of its items. */
    items?: string;
    nullable: boolean;
    values?: string[];
    min?: number;
    max?: number;
    minLength?: number;
    maxLength?: number;
}

export interface Field extends TypeInfo {
    /** Dotted name; `[]` marks each item of a list, e.g. subscriptions[].seats. */
    name: string;
    required: boolean;
    description?: string;
}

export interface Parameter extends Field {
    in: string;
}

export interface Operation {
    /** Usable as an HTML id, e.g. get-api-clients-id-. */
    id: string;
    method: string;
    path: string;
    summary: string;
    description?: string;
    public: boolean;
    parameters: Parameter[];
    body: Field[];
    responses: { status: string; description: string }[];
}

export interface TagGroup {
    tag: string;
    operations: Operation[];
}

const METHODS = ['get', 'post', 'put', 'patch', 'delete'];

/** Follows a local `#/components/…` reference (the document has no other kind). */
function resolve<T>(doc: OpenApiDocument, value: T & { $ref?: string }): T {
    let current: unknown = value;
    for (let hops = 0; hops < 10 && (current as { $ref?: string })?.$ref; hops++) {
        const path = (current as { $ref: string }).$ref.replace(/^#\//, '').split('/');
        current = path.reduce<unknown>((node, key) => (node as Record<string, unknown> | undefined)?.[key], doc);
    }
    return (current ?? {}) as T;
}

/** The schema without its `null` alternative, and whether there was one. */
function withoutNull(doc: OpenApiDocument, raw: JsonSchema): { schema: JsonSchema; nullable: boolean } {
    const schema = resolve(doc, raw);
    const alternatives = schema.anyOf ?? schema.oneOf;
    if (alternatives) {
        const others = alternatives.filter(a => resolve(doc, a).type !== 'null');
        const nullable = others.length < alternatives.length;
        if (others.length === 1) return { schema: resolve(doc, others[0]), nullable };
        return { schema: { ...schema, anyOf: others, oneOf: undefined }, nullable };
    }
    if (Array.isArray(schema.type)) {
        const types = schema.type.filter(t => t !== 'null');
        return { schema: { ...schema, type: types.length === 1 ? types[0] : types }, nullable: types.length < schema.type.length };
    }
    return { schema, nullable: false };
}

const baseType = (schema: JsonSchema): string => {
    if (schema.format === 'date' || schema.format === 'email') return schema.format;
    if (Array.isArray(schema.type)) return schema.type.join(' | ');
    if (schema.type) return schema.type;
    if (schema.anyOf || schema.oneOf) return 'any';
    if (schema.properties) return 'object';
    return 'any';
};

export function typeInfo(doc: OpenApiDocument, raw: JsonSchema): TypeInfo {
    const { schema, nullable } = withoutNull(doc, raw);
    const alternatives = schema.anyOf ?? schema.oneOf;
    // e.g. a password: "" (keep it) or 10+ characters.
    const literals = alternatives?.flatMap(a => resolve(doc, a).enum ?? []) ?? [];
    const values = schema.enum ?? (schema.const !== undefined ? [schema.const] : literals.length ? literals : undefined);
    const info: TypeInfo = { type: baseType(schema), nullable };
    if (values) info.values = values.map(v => JSON.stringify(v));
    if (schema.type === 'array' && schema.items) info.items = baseType(withoutNull(doc, schema.items).schema);
    const min = schema.minimum ?? (schema.exclusiveMinimum !== undefined ? schema.exclusiveMinimum + 1 : undefined);
    if (min !== undefined) info.min = min;
    // Ids are bounded by the largest safe integer: no bound worth showing.
    if (schema.maximum !== undefined && schema.maximum < 2 ** 53 - 1) info.max = schema.maximum;
    if (schema.minLength !== undefined) info.minLength = schema.minLength;
    if (schema.maxLength !== undefined) info.maxLength = schema.maxLength;
    if (schema.type === 'array') {
        if (schema.minItems !== undefined) info.minLength = schema.minItems;
        if (schema.maxItems !== undefined) info.maxLength = schema.maxItems;
    }
    return info;
}

/** The fields of a JSON body: nested objects and lists of objects are flattened to dotted names. */
export function fieldsOf(doc: OpenApiDocument, raw: JsonSchema, prefix = '', depth = 0): Field[] {
    const { schema } = withoutNull(doc, raw);
    const parts = schema.allOf ? schema.allOf.map(s => resolve(doc, s)) : [schema];
    return parts.flatMap(part =>
        Object.entries(part.properties ?? {}).flatMap(([key, property]) => {
            const name = `${prefix}${key}`;
            const info = typeInfo(doc, property);
            const own: Field = { name, required: part.required?.includes(key) ?? false, ...info };
            const description = resolve(doc, property).description;
            if (description) own.description = description;
            if (depth >= 4) return [own];
            const inner = withoutNull(doc, property).schema;
            const items = inner.type === 'array' && inner.items ? withoutNull(doc, inner.items).schema : null;
            if (inner.properties || inner.allOf) return [own, ...fieldsOf(doc, inner, `${name}.`, depth + 1)];
            if (items?.properties) return [own, ...fieldsOf(doc, items, `${name}[].`, depth + 1)];
            return [own];
        }),
    );
}

function operationOf(doc: OpenApiDocument, path: string, method: string, raw: RawOperation): Operation {
    const parameters = (raw.parameters ?? []).map(p => {
        const parameter = resolve(doc, p);
        const schema = parameter.schema ?? {};
        const description = parameter.description ?? resolve(doc, schema).description;
        return {
            name: parameter.name,
            in: parameter.in,
            required: parameter.required ?? false,
            ...typeInfo(doc, schema),
            ...(description ? { description } : {}),
        };
    });
    const bodySchema = raw.requestBody?.content?.['application/json']?.schema;
    return {
        id: `${method}${path}`.replace(/[^A-Za-z0-9_-]+/g, '-'),
        method: method.toUpperCase(),
        path,
        summary: raw.summary ?? '',
        ...(raw.description ? { description: raw.description } : {}),
        public: Array.isArray(raw.security) && raw.security.length === 0,
        parameters,
        body: bodySchema ? fieldsOf(doc, bodySchema) : [],
        responses: Object.entries(raw.responses ?? {}).map(([status, response]) => ({
            status,
            description: resolve(doc, response).description ?? '',
        })),
    };
}

/** Operations grouped by their first tag, tags in the document's order, operations in the document’s order. */
export function groupByTag(doc: OpenApiDocument): TagGroup[] {
    const groups = new Map<string, Operation[]>();
    for (const [path, item] of Object.entries(doc.paths ?? {})) {
        for (const method of METHODS) {
            const raw = item[method];
            if (!raw) continue;
            const tag = raw.tags?.[0] ?? '—';
            groups.set(tag, [...(groups.get(tag) ?? []), operationOf(doc, path, method, raw)]);
        }
    }
    return [...groups].map(([tag, operations]) => ({ tag, operations }));
}

/** The groups keeping only operations whose method, path, summary or tag holds every word of `text`. */
export function filterGroups(groups: TagGroup[], text: string): TagGroup[] {
    const words = text.toLowerCase().split(/\s+/).filter(Boolean);
    if (!words.length) return groups;
    return groups
        .map(({ tag, operations }) => ({
            tag,
            operations: operations.filter(op => {
                const haystack = `${tag} ${op.method} ${op.path} ${op.summary}`.toLowerCase();
                return words.every(word => haystack.includes(word));
            }),
        }))
        .filter(group => group.operations.length > 0);
}
