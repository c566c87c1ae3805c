import { sql } from 'kysely';
import type { Database } from '../../server/src/db/schema.ts';
import type { TestDatabase } from './testApp.ts';

export interface WriteFailure {
  table: keyof Database & string;
  /** The writes that fail (INSERT by default); `UPDATE OF column` only those that set the column. */
  on?: 'INSERT' | 'UPDATE' | `UPDATE OF ${string}`;
  /** Which rows: a condition on NEW, the same in both dialects or one per dialect. Every row when left out. */
  when?: string | { sqlite: string; postgres: string };
  /** The error's message, as the code above the database receives it. */
  message: string;
}

let triggers = 0;

const literal = (text: string) => `'${text.replaceAll("'", "''")}'`;

/**
 * Makes some writes to a table fail inside the database, as a full disk or a killed process
 * would: a trigger raising `message` (RAISE(ABORT) on SQLite, RAISE EXCEPTION on PostgreSQL).
 * Returns restore(), which removes it.
 */
export async function failWrites(t: Pick<TestDatabase, 'db' | 'dialect'>, failure: WriteFailure): Promise<() => Promise<void>> {
  const { table, on = 'INSERT', when, message } = failure;
  const name = `failing_write_${++triggers}`;
  const condition = typeof when === 'object' ? when[t.dialect] : when;
  const whenClause = condition ? `WHEN (${condition})` : '';
  const statements =
    t.dialect === 'sqlite'
      ? [`CREATE TRIGGER ${name} BEFORE ${on} ON ${table} ${whenClause} BEGIN SELECT RAISE(ABORT, ${literal(message)}); END`]
      : [
          `CREATE FUNCTION ${name}() RETURNS trigger LANGUAGE plpgsql AS $fail$ BEGIN RAISE EXCEPTION '%', ${literal(message)}; END $fail$`,
          `CREATE TRIGGER ${name} BEFORE ${on} ON ${table} FOR EACH ROW ${whenClause} EXECUTE FUNCTION ${name}()`,
        ];
  for (const statement of statements) await sql.raw(statement).execute(t.db);
  return async () => {
    const drops = t.dialect === 'sqlite' ? [`DROP TRIGGER ${name}`] : [`DROP TRIGGER ${name} ON ${table}`, `DROP FUNCTION ${name}()`];
    for (const statement of drops) await sql.raw(statement).execute(t.db);
  };
}
