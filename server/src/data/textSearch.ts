import { sql, type Expression, type SqlBool } from 'kysely';
import { isPostgres, type Db } from './transact.ts';

/**
 * `q`: an accent- and case-insensitive substring of folded names (domain/search.ts folds both sides).
 * PostgreSQL answers `LIKE '%…%'` from a trigram GIN index on each search_name (migration 0002).
 * SQLite's LIKE scans; its fts5 trigram table (sqlite/0005), keyed by rowid, answers 3 characters or
 * more on the large tables instead.
 */
export interface TextSearch {
  /** The folded columns searched. */
  columns: string[];
  /** SQLite's trigram table over the same names, and the column matching its rowid. */
  sqliteIndex?: { table: string; key: string };
}

const likePattern = (text: string) => `%${text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;

export function matchesText(db: Db, search: TextSearch, folded: string): Expression<SqlBool> {
  if (search.sqliteIndex && !isPostgres(db) && [...folded].length >= 3) {
    // A quoted phrase: trigram-matched as a literal substring, whatever characters it holds.
    const phrase = `"${folded.replace(/"/g, '""')}"`;
    const { table, key } = search.sqliteIndex;
    return sql<SqlBool>`${sql.ref(key)} IN (SELECT rowid FROM ${sql.table(table)} WHERE ${sql.table(table)} MATCH ${phrase})`;
  }
  const pattern = likePattern(folded);
  const ors = search.columns.map((c) => sql<SqlBool>`${sql.ref(c)} LIKE ${pattern} ESCAPE '\\'`);
  return sql<SqlBool>`(${sql.join(ors, sql` OR `)})`;
}
