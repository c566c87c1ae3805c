import type { Insertable, Selectable, Updateable } from 'kysely';
import type { IdempotencyKeysTable } from '../db/schema.ts';
import type { Db } from './transact.ts';

/** Idempotency keys, one row per (login, key): claimed by inserting it, so only one request acts. */

export type StoredKey = Selectable<IdempotencyKeysTable>;
export interface KeyRef {
  login_id: number;
  key: string;
}

export function findKey(db: Db, ref: KeyRef): Promise<StoredKey | undefined> {
  return db.selectFrom('idempotency_keys').selectAll().where('login_id', '=', ref.login_id).where('key', '=', ref.key).executeTakeFirst();
}

/**
 * Inserts the key's row unless it exists; true when this call inserted it. The primary key decides:
 * of two transactions claiming one key at once, in one process or two, the second waits for the
 * first to end and then inserts nothing (or, if the first rolled back, claims it after all).
 */
export async function claimKey(db: Db, row: Insertable<IdempotencyKeysTable>): Promise<boolean> {
  const inserted = await db
    .insertInto('idempotency_keys')
    .values(row)
    .onConflict((oc) => oc.columns(['login_id', 'key']).doNothing())
    .returning('login_id')
    .executeTakeFirst();
  return inserted !== undefined;
}

/** Updates the key's row; with `claim`, only while that claim still holds it. */
export async function updateKey(db: Db, ref: KeyRef, set: Updateable<IdempotencyKeysTable>, claim?: string): Promise<void> {
  let query = db.updateTable('idempotency_keys').set(set).where('login_id', '=', ref.login_id).where('key', '=', ref.key);
  if (claim !== undefined) query = query.where('claim', '=', claim);
  await query.execute();
}

/**
 * Takes over a claim left untouched since `staleTouchedAt`; false when another request took it over
 * first (it touched the row since), so that two servers never both resume one abandoned run.
 */
export async function takeOverKey(db: Db, ref: KeyRef, staleTouchedAt: string, claim: string, now: string): Promise<boolean> {
  const row = await db
    .updateTable('idempotency_keys')
    .set({ claim, touched_at: now })
    .where('login_id', '=', ref.login_id)
    .where('key', '=', ref.key)
    .where('touched_at', '=', staleTouchedAt)
    .returning('login_id')
    .executeTakeFirst();
  return row !== undefined;
}
