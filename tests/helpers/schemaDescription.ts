import type SQLite from 'better-sqlite3';
import type pg from 'pg';

/**
 * One description of a migrated schema, read from SQLite's or PostgreSQL's catalog, in terms both
 * share: what the parity test compares. Dialect spellings are normalized (INTEGER and bigint are
 * one integer family, `'x'::text` is `'x'`, a predicate's parentheses and casts are dropped).
 * Each dialect's own search index is left out here and checked by its own tests: SQLite's fts5
 * table with its shadow tables and triggers, PostgreSQL's GIN trigram indexes (*_search_trgm).
 */
export interface ColumnDescription {
  name: string;
  type: 'integer' | 'text' | 'real' | 'blob' | string;
  nullable: boolean;
  /** The default, normalized; null when none. */
  default: string | null;
  generated: boolean;
}

export interface IndexDescription {
  /** In key order; ' nocase' follows a column compared case-insensitively. */
  columns: string[];
  unique: boolean;
  /** The predicate of a partial index, normalized; null for a full index. */
  where: string | null;
}

export interface TableDescription {
  columns: ColumnDescription[];
  primaryKey: string[];
  /** UNIQUE constraints (not the named unique indexes), e.g. 'client_id, product_id'. */
  unique: string[];
  /** e.g. 'user_id -> users(id) on delete cascade'. */
  foreignKeys: string[];
  /** The indexes created by name (CREATE INDEX), by name. */
  indexes: Record<string, IndexDescription>;
  checks: number;
  /** e.g. 'movements_immutable_update: before update'. */
  triggers: string[];
}

export type SchemaDescription = Record<string, TableDescription>;

function typeFamily(type: string): string {
  const t = type.toLowerCase();
  if (/int/.test(t)) return 'integer';
  if (/text|char|clob/.test(t)) return 'text';
  if (/real|floa|doub|numeric/.test(t)) return 'real';
  if (t === 'blob' || t === 'bytea') return 'blob';
  return t;
}

/** `'x'::text` and `'x'` alike; `(0)` and `0` alike. */
function normalizeExpression(expression: string): string {
  return expression
    .replace(/::[a-z ]+/gi, '')
    .replace(/[()\s]/g, '')
    .toLowerCase();
}

const byKey = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

function withoutComments(sql: string): string {
  return sql.replace(/--[^\n]*/g, '');
}

/** The description of a SQLite database. */
export function describeSqliteSchema(sqlite: SQLite.Database): SchemaDescription {
  const list = sqlite.prepare("SELECT name, type FROM pragma_table_list WHERE schema = 'main'").all() as { name: string; type: string }[];
  const virtual = list.filter((t) => t.type === 'virtual').map((t) => t.name);
  const tables = list.filter((t) => t.type === 'table' && !t.name.startsWith('sqlite_')).map((t) => t.name).sort(byKey);
  const objectSql = (type: string, name: string) =>
    (sqlite.prepare('SELECT sql FROM sqlite_master WHERE type = ? AND name = ?').pluck().get(type, name) as string | null) ?? '';
  const schema: SchemaDescription = {};
  for (const table of tables) {
    const rawColumns = sqlite.prepare('SELECT * FROM pragma_table_xinfo(?) ORDER BY cid').all(table) as {
      name: string; type: string; notnull: number; dflt_value: string | null; pk: number; hidden: number;
    }[];
    const columns = rawColumns.map((c) => ({
      name: c.name,
      type: typeFamily(c.type),
      // Primary key columns cannot hold NULL (a rowid alias, or a STRICT table's key).
      nullable: c.notnull === 0 && c.pk === 0,
      default: c.dflt_value === null ? null : normalizeExpression(c.dflt_value),
      generated: c.hidden === 2 || c.hidden === 3,
    }));
    const primaryKey = rawColumns.filter((c) => c.pk > 0).sort((a, b) => a.pk - b.pk).map((c) => c.name);

    const indexColumns = (index: string) =>
      (sqlite.prepare('SELECT name, coll FROM pragma_index_xinfo(?) WHERE key = 1 ORDER BY seqno').all(index) as { name: string | null; coll: string }[]).map(
        (c) => `${c.name ?? '<expr>'}${c.coll.toLowerCase() === 'nocase' ? ' nocase' : ''}`,
      );
    const indexList = sqlite.prepare('SELECT name, "unique", origin, partial FROM pragma_index_list(?)').all(table) as {
      name: string; unique: number; origin: 'c' | 'u' | 'pk'; partial: number;
    }[];
    const unique = indexList.filter((i) => i.origin === 'u').map((i) => indexColumns(i.name).join(', ')).sort(byKey);
    const indexes: Record<string, IndexDescription> = {};
    for (const index of indexList.filter((i) => i.origin === 'c').sort((a, b) => byKey(a.name, b.name))) {
      const where = index.partial ? /\bWHERE\b([\s\S]*)$/i.exec(objectSql('index', index.name))![1] : null;
      indexes[index.name] = { columns: indexColumns(index.name), unique: index.unique === 1, where: where === null ? null : normalizeExpression(where) };
    }

    const keys = sqlite.prepare('SELECT * FROM pragma_foreign_key_list(?) ORDER BY id, seq').all(table) as {
      id: number; table: string; from: string; to: string; on_delete: string;
    }[];
    const foreignKeys = [...new Set(keys.map((k) => k.id))]
      .map((id) => {
        const parts = keys.filter((k) => k.id === id);
        const onDelete = parts[0].on_delete.toLowerCase();
        return `${parts.map((k) => k.from).join(', ')} -> ${parts[0].table}(${parts.map((k) => k.to).join(', ')})${onDelete === 'no action' ? '' : ` on delete ${onDelete}`}`;
      })
      .sort(byKey);

    // SQLite keeps no catalog of CHECK constraints: they are counted in the table's SQL, which
    // ALTER TABLE ADD COLUMN extends with each added column's own.
    const checks = (withoutComments(objectSql('table', table)).match(/\bCHECK\s*\(/gi) ?? []).length;

    const triggerRows = sqlite.prepare("SELECT name, sql FROM sqlite_master WHERE type = 'trigger' AND tbl_name = ?").all(table) as { name: string; sql: string }[];
    const triggers = triggerRows
      .filter((t) => !virtual.some((v) => t.name.startsWith(`${v}_`)))
      .map((t) => {
        const [, timing, event] = /\b(BEFORE|AFTER|INSTEAD OF)\s+(INSERT|UPDATE|DELETE)\b/i.exec(t.sql)!;
        return `${t.name}: ${timing.toLowerCase()} ${event.toLowerCase()}`;
      })
      .sort(byKey);

    schema[table] = { columns, primaryKey, unique, foreignKeys, indexes, checks, triggers };
  }
  return schema;
}

const PG_DELETE_ACTIONS: Record<string, string> = { a: 'no action', r: 'restrict', c: 'cascade', n: 'set null', d: 'set default' };

/** PostgreSQL's tgtype bits. */
function triggerEvent(tgtype: number): string {
  const timing = tgtype & 2 ? 'before' : tgtype & 64 ? 'instead of' : 'after';
  const events = [[4, 'insert'], [8, 'delete'], [16, 'update'], [32, 'truncate']] as const;
  return events.filter(([bit]) => tgtype & bit).map(([, name]) => `${timing} ${name}`).join(', ');
}

/** Whether an index is one of PostgreSQL's trigram search indexes (checked apart). */
export const isPostgresSearchIndex = (name: string) => name.endsWith('_search_trgm');

/** The description of a PostgreSQL database's current schema. */
export async function describePostgresSchema(client: pg.Pool | pg.Client): Promise<SchemaDescription> {
  const { rows: tables } = await client.query<{ oid: number; name: string }>(
    `SELECT c.oid, c.relname AS name FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
     WHERE n.nspname = current_schema() AND c.relkind = 'r' ORDER BY c.relname COLLATE "C"`,
  );
  const schema: SchemaDescription = {};
  for (const { oid, name: table } of tables) {
    const { rows: rawColumns } = await client.query<{ name: string; type: string; notnull: boolean; generated: string; default: string | null }>(
      `SELECT a.attname AS name, format_type(a.atttypid, a.atttypmod) AS type, a.attnotnull AS notnull,
              a.attgenerated AS generated, pg_get_expr(d.adbin, d.adrelid) AS default
       FROM pg_attribute a LEFT JOIN pg_attrdef d ON d.adrelid = a.attrelid AND d.adnum = a.attnum
       WHERE a.attrelid = $1 AND a.attnum > 0 AND NOT a.attisdropped ORDER BY a.attnum`,
      [oid],
    );
    const columns = rawColumns.map((c) => ({
      name: c.name,
      type: typeFamily(c.type),
      nullable: !c.notnull,
      // A generated column's expression sits where defaults do: it is no default.
      default: c.generated || c.default === null ? null : normalizeExpression(c.default),
      generated: c.generated !== '',
    }));

    const { rows: constraints } = await client.query<{ type: string; columns: string[]; ref_table: string | null; ref_columns: string[] | null; on_delete: string }>(
      `SELECT con.contype AS type,
              (SELECT array_agg(a.attname::text ORDER BY k.ord) FROM unnest(con.conkey) WITH ORDINALITY k(num, ord)
                 JOIN pg_attribute a ON a.attrelid = con.conrelid AND a.attnum = k.num) AS columns,
              CASE WHEN con.confrelid <> 0 THEN (SELECT relname::text FROM pg_class WHERE oid = con.confrelid) END AS ref_table,
              (SELECT array_agg(a.attname::text ORDER BY k.ord) FROM unnest(con.confkey) WITH ORDINALITY k(num, ord)
                 JOIN pg_attribute a ON a.attrelid = con.confrelid AND a.attnum = k.num) AS ref_columns,
              con.confdeltype AS on_delete
       FROM pg_constraint con WHERE con.conrelid = $1`,
      [oid],
    );
    const primaryKey = constraints.find((c) => c.type === 'p')?.columns ?? [];
    const foreignKeys = constraints
      .filter((c) => c.type === 'f')
      .map((c) => {
        const onDelete = PG_DELETE_ACTIONS[c.on_delete];
        return `${c.columns.join(', ')} -> ${c.ref_table}(${c.ref_columns!.join(', ')})${onDelete === 'no action' ? '' : ` on delete ${onDelete}`}`;
      })
      .sort(byKey);
    const checks = constraints.filter((c) => c.type === 'c').length;

    const { rows: indexRows } = await client.query<{ name: string; unique: boolean; predicate: string | null; columns: string[]; constraint: string | null }>(
      `SELECT i.relname AS name, x.indisunique AS unique, pg_get_expr(x.indpred, x.indrelid) AS predicate,
              (SELECT array_agg(coalesce(a.attname::text, '<expr>') || CASE WHEN co.collname = 'nocase' THEN ' nocase' ELSE '' END ORDER BY k.ord)
                 FROM unnest(x.indkey::int2[], x.indcollation::oid[]) WITH ORDINALITY k(num, coll, ord)
                 LEFT JOIN pg_attribute a ON a.attrelid = x.indrelid AND a.attnum = k.num
                 LEFT JOIN pg_collation co ON co.oid = k.coll) AS columns,
              (SELECT con.contype::text FROM pg_constraint con WHERE con.conindid = x.indexrelid AND con.contype IN ('p', 'u')) AS constraint
       FROM pg_index x JOIN pg_class i ON i.oid = x.indexrelid WHERE x.indrelid = $1`,
      [oid],
    );
    const unique = indexRows.filter((i) => i.constraint === 'u').map((i) => i.columns.join(', ')).sort(byKey);
    const indexes: Record<string, IndexDescription> = {};
    for (const index of indexRows.filter((i) => i.constraint === null && !isPostgresSearchIndex(i.name)).sort((a, b) => byKey(a.name, b.name))) {
      indexes[index.name] = { columns: index.columns, unique: index.unique, where: index.predicate === null ? null : normalizeExpression(index.predicate) };
    }

    const { rows: triggerRows } = await client.query<{ name: string; tgtype: number }>(
      'SELECT tgname AS name, tgtype FROM pg_trigger WHERE tgrelid = $1 AND NOT tgisinternal',
      [oid],
    );
    // TRUNCATE exists on PostgreSQL alone; its trigger is checked apart. The change notifications
    // (migration 0011, cascade_changes_*) are PostgreSQL's alone: SQLite has data_version instead.
    const triggers = triggerRows
      .filter((t) => !t.name.startsWith('cascade_changes_'))
      .map((t) => ({ name: t.name, event: triggerEvent(t.tgtype) }))
      .filter((t) => !t.event.endsWith('truncate'))
      .map((t) => `${t.name}: ${t.event}`)
      .sort(byKey);

    schema[table] = { columns, primaryKey, unique, foreignKeys, indexes, checks, triggers };
  }
  return schema;
}
