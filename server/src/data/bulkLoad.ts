import { sql } from 'kysely';
import { statementsOf } from '../db/connection.ts';
import { sequencePastIdsSql } from '../db/postgres.ts';
import type { Database } from '../db/schema.ts';
import { placeholders, queriesOf } from './queries.ts';
import { isPostgres, type Tx } from './transact.ts';

/** Loading many generated rows at once (npm run seed, the demo, tests), with their own ids. */

/** One INSERT per row, prepared once on SQLite (a few µs each: building large multi-row queries costs more). */
export async function insertRows(tx: Tx, table: keyof Database, rows: readonly object[]): Promise<void> {
  if (rows.length === 0) return;
  const columns = [...new Set(rows.flatMap((row) => Object.keys(row)))];
  const insert = `INSERT INTO ${table} (${columns.join(', ')}) VALUES (${placeholders(columns.length)})`;
  const values = (row: Record<string, unknown>) => columns.map((c) => row[c] ?? null);
  if (isPostgres(tx)) {
    const queries = queriesOf(tx);
    for (const row of rows as Record<string, unknown>[]) await queries.run(insert, ...values(row));
    return;
  }
  // SQLite: the synchronous statement itself; an await per row costs a seed of 100k clients seconds.
  const statements = statementsOf(tx);
  for (const row of rows as Record<string, unknown>[]) statements.run(insert, ...values(row));
}

/**
 * Runs `load`, which inserts rows with explicit ids into `tables`, then leaves the tables as if the
 * rows had come one by one. SQLite: the secondary indexes are dropped during the load and built
 * again from their stored definitions afterwards (by sorting, far faster than row by row; unique
 * indexes stay, they guard the data), and the client name search index (sqlite/0005) is filled in
 * one pass instead of by its per-row trigger. PostgreSQL: each table's id sequence is set past the
 * loaded ids, so that the next insert does not collide with them.
 */
export async function bulkLoad(tx: Tx, tables: (keyof Database)[], load: () => Promise<void>): Promise<void> {
  if (isPostgres(tx)) {
    await load();
    for (const table of tables) await sql.raw(sequencePastIdsSql(table)).execute(tx);
    return;
  }
  const { rows } = await sql<{ name: string; sql: string }>`
    SELECT name, sql FROM sqlite_master
    WHERE type IN ('index', 'trigger') AND sql IS NOT NULL AND sql NOT LIKE 'CREATE UNIQUE%' AND tbl_name IN (${sql.join(tables)})
    ORDER BY type`.execute(tx);
  const statements = statementsOf(tx);
  for (const object of rows) statements.exec(`DROP ${object.sql.startsWith('CREATE TRIGGER') ? 'TRIGGER' : 'INDEX'} ${object.name}`);
  await load();
  for (const object of rows) statements.exec(object.sql);
  statements.exec("INSERT INTO clients_search(clients_search) VALUES ('rebuild')");
}
