import type { Store } from './handles.ts';
import { openDatabase } from './connection.ts';
import { migrate } from './migrate.ts';

export type { Store };

export const isPostgresUrl = (url: string) => /^postgres(ql)?:\/\//.test(url);

/** The URL without its password, for logs. */
export const redactedUrl = (url: string) => url.replace(/(\/\/[^:/@]+:)[^@]*@/, '$1***@');

export interface StoreOptions {
  /** PostgreSQL: connections in the pool. */
  poolSize?: number;
}

/** Opens the store a DATABASE_URL names: `file:path/to/cascade.db` or `postgres://user:pass@host:port/db`. */
export async function openStore(url: string, options: StoreOptions = {}): Promise<Store> {
  if (!isPostgresUrl(url)) return openSqliteStore(url.replace(/^file:/, ''));
  // Loaded only for PostgreSQL: pg and its protocol weigh ~15 MB a SQLite server need not carry.
  const { openPostgresStore } = await import('./postgresStore.ts');
  return openPostgresStore(url, options.poolSize ?? 10);
}

function openSqliteStore(file: string): Store {
  const connection = openDatabase(file);
  return {
    db: connection.db,
    dialect: 'sqlite',
    sqliteFile: file,
    changedElsewhere: connection.changedElsewhere,
    migrate: async () => migrate(connection.sqlite),
    close: connection.close,
  };
}

