import type { LegalIdentity } from '../db/schema.ts';
import { readPublisher } from './publisher.ts';
import type { Db } from './transact.ts';

/** What an invoice's printed form reads beside the invoice: its parties, products and credited invoice. */

export type PartyType = 'publisher' | 'partner' | 'reseller';

/** An organisation's legal identity; `name` is its name in the console (the publisher has none). */
export async function partyIdentity(db: Db, type: PartyType, id: number | null): Promise<LegalIdentity & { name: string | null }> {
  if (type === 'publisher' || id === null) return { ...(await readPublisher(db)), name: null };
  // Both tables have the same identity columns; Kysely is told one of them.
  return db
    .selectFrom(type === 'partner' ? 'partners' : ('resellers' as 'partners'))
    .select(['name', 'legal_name', 'address', 'siren', 'vat_number'])
    .where('id', '=', id)
    .executeTakeFirstOrThrow();
}

/** The identity an invoice freezes for a party: its legal name, else its console name (null: the publisher without one). */
export async function frozenIdentity(db: Db, type: PartyType, id: number | null): Promise<LegalIdentity> {
  const { name, ...identity } = await partyIdentity(db, type, id);
  return { ...identity, legal_name: identity.legal_name ?? name };
}

export async function productNames(db: Db, ids: readonly number[]): Promise<Map<number, string>> {
  const rows = await db.selectFrom('products').select(['id', 'name']).where('id', 'in', ids).execute();
  return new Map(rows.map((row) => [row.id, row.name]));
}

export const invoiceHeading = (db: Db, id: number) =>
  db.selectFrom('invoices').select(['number', 'issued_on']).where('id', '=', id).executeTakeFirstOrThrow();
