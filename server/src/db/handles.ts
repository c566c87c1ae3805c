import type { Kysely, Transaction } from 'kysely';
import type { Database } from './schema.ts';

/** The database: reads outside a transaction, and the start of every transaction. */
export type Db = Kysely<Database>;
/** An open transaction: what every write, and every read that must agree with a write, runs in. */
export type Tx = Transaction<Database>;

/** Runs an action in a transaction and resolves once that transaction has committed. */
export type Transact = <T>(action: (tx: Tx) => Promise<T>) => Promise<T>;

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
