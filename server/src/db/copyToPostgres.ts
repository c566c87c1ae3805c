import { OperationRefusedError } from './backup.ts';
import type { Connection } from './connection.ts';
import { migrate } from './migrate.ts';
import { migratePostgres, sequencePastIdsSql, type PostgresConnection } from './postgres.ts';

/**
 * `npm run migrate-to-postgres`: copies an installation from its SQLite file into an empty
 * PostgreSQL database of the same schema version, in one PostgreSQL transaction (all or nothing),
 * then checks it: the same number of rows in every table, and every pool balance equal to its
 * ledger. Ids are copied as they are and each identity sequence is set past them. Table and
 * column names come from the two schemas, never from input, so they are quoted as they are.
 */

export interface CopyReport {
  tables: { name: string; rows: number }[];
  /** Pools whose balance differs from their ledger in the copy (none, or the copy is rolled back). */
  pools: number;
}

const ROWS_PER_INSERT = 500;

/** The copied tables, parents before the tables that refer to them (SQLite's foreign keys). */
function tablesInCopyOrder(source: Connection): string[] {
  // Ordinary tables only: SQLite's full-text search index (a virtual table and its shadow tables) has
  // its PostgreSQL counterpart in trigram indexes, built from the copied search names.
  const tables = source.sqlite
    .prepare("SELECT name FROM pragma_table_list WHERE schema = 'main' AND type = 'table' AND name NOT LIKE 'sqlite_%' AND name <> 'schema_migrations' ORDER BY name")
    .pluck()
    .all() as string[];
  const parents = new Map(
    tables.map((table) => [
      table,
      (source.sqlite.prepare('SELECT DISTINCT "table" FROM pragma_foreign_key_list(?)').pluck().all(table) as string[]).filter((t) => t !== table),
    ]),
  );
  const ordered: string[] = [];
  const visit = (table: string) => {
    if (ordered.includes(table)) return;
    for (const parent of parents.get(table) ?? []) visit(parent);
    ordered.push(table);
  };
  tables.forEach(visit);
  return ordered;
}

/** The target's columns that take values (not generated), by table. */
async function writableColumns(target: PostgresConnection): Promise<Map<string, string[]>> {
  const { rows } = await target.pool.query<{ table_name: string; column_name: string }>(
    `SELECT table_name, column_name FROM information_schema.columns
      WHERE table_schema = current_schema() AND is_generated = 'NEVER' ORDER BY table_name, ordinal_position`,
  );
  const columns = new Map<string, string[]>();
  for (const row of rows) columns.set(row.table_name, [...(columns.get(row.table_name) ?? []), row.column_name]);
  return columns;
}

export async function copyToPostgres(source: Connection, target: PostgresConnection): Promise<CopyReport> {
  migrate(source.sqlite);
  await migratePostgres(target.pool);
  const tables = tablesInCopyOrder(source);
  const columns = await writableColumns(target);
  const count = async (table: string) =>
    Number((await target.pool.query<{ n: number }>(`SELECT count(*) AS n FROM "${table}"`)).rows[0].n);
  for (const table of tables) {
    if (!columns.has(table)) throw new OperationRefusedError(`the PostgreSQL database has no table ${table}: is it of another Cascade version?`);
    if ((await count(table)) > 0) throw new OperationRefusedError(`the PostgreSQL database is not empty (table ${table} has rows): copy into an empty database`);
  }

  const client = await target.pool.connect();
  try {
    await client.query('BEGIN');
    const report: CopyReport = { tables: [], pools: 0 };
    for (const table of tables) {
      const sourceColumns = new Set((source.sqlite.prepare('SELECT name FROM pragma_table_xinfo(?) WHERE hidden = 0').pluck().all(table) as string[]));
      const names = columns.get(table)!.filter((c) => sourceColumns.has(c));
      const select = source.sqlite.prepare(`SELECT ${names.map((c) => `"${c}"`).join(', ')} FROM "${table}"`).raw(true);
      let batch: unknown[][] = [];
      const flush = async () => {
        if (batch.length === 0) return;
        const values = batch.map((row, r) => `(${row.map((_, c) => `$${r * names.length + c + 1}`).join(', ')})`);
        await client.query(`INSERT INTO "${table}" (${names.map((c) => `"${c}"`).join(', ')}) OVERRIDING SYSTEM VALUE VALUES ${values.join(', ')}`, batch.flat());
        batch = [];
      };
      for (const row of select.iterate() as Iterable<unknown[]>) {
        batch.push(row);
        if (batch.length === ROWS_PER_INSERT) await flush();
      }
      await flush();
      // The next id the database gives is past the copied ones (tables whose id is an identity;
      // webhook_events' ids are text, made by the application).
      const identity = names.includes('id') && (await client.query<{ s: string | null }>(`SELECT pg_get_serial_sequence('"${table}"', 'id') AS s`)).rows[0].s !== null;
      if (identity) {
        await client.query(sequencePastIdsSql(table));
      }
      const copied = Number((await client.query<{ n: number }>(`SELECT count(*) AS n FROM "${table}"`)).rows[0].n);
      const expected = (source.sqlite.prepare(`SELECT count(*) FROM "${table}"`).pluck().get() as number);
      if (copied !== expected) throw new Error(`table ${table}: ${copied} rows copied for ${expected}`);
      report.tables.push({ name: table, rows: copied });
    }
    const { rows } = await client.query<{ n: number }>(
      `SELECT count(*) AS n FROM pools p WHERE p.balance <>
         coalesce((SELECT sum(quantity) FROM movements WHERE to_pool_id = p.id), 0)
       - coalesce((SELECT sum(quantity) FROM movements WHERE from_pool_id = p.id), 0)`,
    );
    report.pools = Number(rows[0].n);
    if (report.pools > 0) throw new Error(`${report.pools} pool balances differ from their ledger in the copy`);
    await client.query('COMMIT');
    return report;
  } catch (error) {
    await client.query('ROLLBACK').catch(() => {});
    throw error;
  } finally {
    client.release();
  }
}
