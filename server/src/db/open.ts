import { randomUUID } from 'node:crypto';
import pg from 'pg';
import type { Db } from './handles.ts';
import { openDatabase } from './connection.ts';
import { migrate } from './migrate.ts';
import { migratePostgres, openPostgres } from './postgres.ts';

/** Where Cascade keeps its data: a SQLite file (the embedded default) or a PostgreSQL database. */
export interface Store {
  db: Db;
  dialect: 'sqlite' | 'postgres';
  /** The SQLite file (':memory:' for a throwaway database); null on PostgreSQL. */
  sqliteFile: string | null;
  /**
   * Whether another process (a second server, `npm run renew:auto`) committed a change since the
   * last call, so that what this process keeps in memory may be stale.
   */
  changedElsewhere(): boolean;
  /** Applies the pending migrations; resolves to their names. */
  migrate(): Promise<string[]>;
  close(): Promise<void>;
}

export const isPostgresUrl = (url: string) => /^postgres(ql)?:\/\//.test(url);

/** The URL without its password, for logs. */
export const redactedUrl = (url: string) => url.replace(/(\/\/[^:/@]+:)[^@]*@/, '$1***@');

export interface StoreOptions {
  /** PostgreSQL: connections in the pool. */
  poolSize?: number;
}

/** Opens the store a DATABASE_URL names: `file:path/to/cascade.db` or `postgres://user:pass@host:port/db`. */
export async function openStore(url: string, options: StoreOptions = {}): Promise<Store> {
  return isPostgresUrl(url) ? openPostgresStore(url, options.poolSize ?? 10) : openSqliteStore(url.replace(/^file:/, ''));
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

const CHANNEL = 'cascade_changes';

/**
 * PostgreSQL: a pool for the queries, and one more connection that LISTENs to the change
 * notifications of migration 0011. Each process connects under an application_name of its own,
 * which the notifications carry, so that its own writes are told apart from other processes'.
 * While the listening connection is down, every call answers "changed" (nothing cached is trusted).
 */
async function openPostgresStore(url: string, poolSize: number): Promise<Store> {
  const name = `cascade-${process.pid}-${randomUUID().slice(0, 8)}`;
  const { db, pool, close } = openPostgres(url, poolSize, { applicationName: name });
  let changed = false;
  let listening = false;
  let listener: pg.Client | null = null;
  let closing = false;
  let retry: NodeJS.Timeout | undefined;

  const listen = async () => {
    const client = new pg.Client({ connectionString: url, application_name: `${name}-listener` });
    client.on('notification', (message) => {
      if (message.payload !== name) changed = true;
    });
    client.on('error', () => {
      listening = false;
      client.end().catch(() => {});
      if (!closing) retry = setTimeout(() => void listen().catch(() => {}), 1000);
    });
    await client.connect();
    await client.query(`LISTEN ${CHANNEL}`);
    listener = client;
    listening = true;
    // Whatever was written while no one listened is unknown: start afresh.
    changed = true;
  };
  await listen();

  return {
    db,
    dialect: 'postgres',
    sqliteFile: null,
    changedElsewhere() {
      if (!listening) return true;
      const was = changed;
      changed = false;
      return was;
    },
    migrate: () => migratePostgres(pool),
    async close() {
      closing = true;
      clearTimeout(retry);
      await listener?.end().catch(() => {});
      await close();
    },
  };
}
