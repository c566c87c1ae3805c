import { openDatabase } from '../server/src/db/connection.ts';
import { copyToPostgres } from '../server/src/db/copyToPostgres.ts';
import { openPostgres } from '../server/src/db/postgres.ts';
import { startPostgresCluster } from '../tests/helpers/postgres.ts';
import type { DatabaseKind } from './endpoints.ts';
import { releaseOnExit } from './processes.ts';

/** The database the benchmarked server runs on: `npm run bench -- --database sqlite|postgres`. */

export const USAGE = 'usage: npm run bench [-- --database sqlite|postgres]   (sqlite is the default)';

/** The --database argument (sqlite when absent); a message for anything else. */
export function parseDatabaseArgument(args: string[]): DatabaseKind | { error: string } {
  const words = args.flatMap((arg) => (arg.startsWith('--database=') ? ['--database', arg.slice('--database='.length)] : [arg]));
  if (words.length === 0) return 'sqlite';
  if (words[0] !== '--database' || words.length > 2) return { error: `unexpected argument: ${args.join(' ')}` };
  const value = words[1];
  if (value === 'sqlite' || value === 'postgres') return value;
  return { error: value === undefined ? '--database needs a value' : `--database ${value}: expected sqlite or postgres` };
}

/**
 * PostgreSQL's settings for the benchmark. SQLite runs in WAL with synchronous=NORMAL, which does
 * not fsync each commit but does keep the database whole after a crash: the closest PostgreSQL is
 * synchronous_commit=off with fsync and full_page_writes on (the tests' cluster turns those off).
 */
export const POSTGRES_SETTINGS = { fsync: 'on', full_page_writes: 'on', synchronous_commit: 'off' };

export interface PostgresDatabase {
  url: string;
  /** `SHOW server_version` and the settings above as the server reports them. */
  description: string;
  copySeconds: number;
  rows: number;
}

/**
 * A throwaway cluster of the benchmark's own (stopped and removed at the end, or on Ctrl-C), a
 * database in it, and the seeded SQLite file copied into it as `npm run migrate-to-postgres` does.
 */
export async function postgresCopyOf(sqliteFile: string): Promise<PostgresDatabase> {
  const cluster = await startPostgresCluster({ settings: POSTGRES_SETTINGS });
  releaseOnExit(cluster.stop);
  const url = await cluster.createDatabase();
  const started = performance.now();
  const source = openDatabase(sqliteFile);
  const target = openPostgres(url, 2);
  try {
    const report = await copyToPostgres(source, target);
    const copySeconds = (performance.now() - started) / 1000;
    const shown = await Promise.all(
      ['server_version', ...Object.keys(POSTGRES_SETTINGS)].map(async (name) => {
        const { rows } = await target.pool.query<Record<string, string>>(`SHOW ${name}`);
        return name === 'server_version' ? `PostgreSQL ${rows[0][name]}` : `${name}=${rows[0][name]}`;
      }),
    );
    const description = `${shown[0]} (${shown.slice(1).join(', ')})`;
    return { url, description, copySeconds, rows: report.tables.reduce((sum, t) => sum + t.rows, 0) };
  } finally {
    await source.close();
    await target.close();
  }
}
