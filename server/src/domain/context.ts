import type { Kysely } from 'kysely';
import type { Database } from '../db/schema.ts';

/** What a domain operation needs to know about its caller and the day it runs on. */
export interface ActionContext {
  /** Who acts, recorded on every ledger row and change. */
  actor: string;
  today: string;
  now: string;
}

/** A database handle or an open transaction: operations compose inside one transaction. */
export type Tx = Kysely<Database>;
