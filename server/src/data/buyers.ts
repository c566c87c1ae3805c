import { queriesOf } from './queries.ts';
import type { Db, Tx } from './transact.ts';

/** What pricing and the discount rule read of partners and resellers (DESIGN §6). */

export const partnerTerms = (db: Db, id: number) =>
  db.selectFrom('partners').select(['id', 'name', 'discount_percent']).where('id', '=', id).executeTakeFirst();

export const resellerTerms = (db: Db, id: number) =>
  db.selectFrom('resellers').select(['id', 'partner_id', 'discount_percent']).where('id', '=', id).executeTakeFirst();

/** A partner's resellers whose discount is above `percent`, the highest first. */
export const resellersAbove = (db: Db, partnerId: number, percent: number) =>
  db
    .selectFrom('resellers')
    .select(['id', 'name', 'discount_percent'])
    .where('partner_id', '=', partnerId)
    .where('discount_percent', '>', percent)
    .orderBy('discount_percent', 'desc')
    .execute();

/**
 * Holds a partner's row until the transaction ends (PostgreSQL; SQLite's writers take turns anyway),
 * so that writes of its discount and of its resellers' are checked one after the other.
 */
export async function lockPartner(tx: Tx, id: number): Promise<void> {
  await queriesOf(tx).locking('SELECT partners.id FROM partners WHERE partners.id = ?', 'partners', id);
}
