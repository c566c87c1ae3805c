import type { LegalIdentity } from '../db/schema.ts';
import type { Db } from './transact.ts';

/** The publisher's identity: one row (id 1), absent until first written. */

const EMPTY: LegalIdentity = { legal_name: null, address: null, siren: null, vat_number: null };

export async function readPublisher(db: Db): Promise<LegalIdentity> {
  const row = await db.selectFrom('publisher').select(['legal_name', 'address', 'siren', 'vat_number']).where('id', '=', 1).executeTakeFirst();
  return row ?? EMPTY;
}

export async function writePublisher(db: Db, values: Partial<LegalIdentity>): Promise<void> {
  await db
    .insertInto('publisher')
    .values({ id: 1, ...EMPTY, ...values })
    .onConflict((oc) => oc.column('id').doUpdateSet(values))
    .execute();
}
