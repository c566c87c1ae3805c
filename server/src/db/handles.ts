import type { Kysely, Transaction } from 'kysely';
import type { Database } from './schema.ts';

/** The database: reads outside a transaction, and the start of every transaction. */
export type Db = Kysely<Database>;
/** An open transaction: what every write, and every read that must agree with a write, runs in. */
export type Tx = Transaction<Database>;

/** Runs an action in a transaction and resolves once that transaction has committed. */
export type Transact = <T>(action: (tx: Tx) => Promise<T>) => Promise<T>;
