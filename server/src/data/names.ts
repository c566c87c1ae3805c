import type { Db } from './transact.ts';

/**
 * Names by id, for texts meant for people (exports): partners, resellers, products and pool
 * holders are few and read once; clients are many and read for the ids a page refers to.
 */
export interface Names {
  partners: Map<number, string>;
  resellers: Map<number, string>;
  products: Map<number, string>;
  /** A pool's holder: its reseller's name, else its partner's. */
  pools: Map<number, string>;
  clients: Map<number, string>;
}

const byId = (rows: { id: number; name: string | null }[]) => new Map(rows.map((r) => [r.id, r.name ?? '']));

export async function loadNames(db: Db): Promise<Names> {
  const [partners, resellers, products, pools] = await Promise.all([
    db.selectFrom('partners').select(['id', 'name']).execute(),
    db.selectFrom('resellers').select(['id', 'name']).execute(),
    db.selectFrom('products').select(['id', 'name']).execute(),
    db
      .selectFrom('pools')
      .innerJoin('partners', 'partners.id', 'pools.partner_id')
      .leftJoin('resellers', 'resellers.id', 'pools.reseller_id')
      .select((eb) => ['pools.id', eb.fn.coalesce('resellers.name', 'partners.name').as('name')])
      .execute(),
  ]);
  return { partners: byId(partners), resellers: byId(resellers), products: byId(products), pools: byId(pools), clients: new Map() };
}

/** The names of one page's clients in `names.clients`, in place of the previous page's (memory stays one page's). */
export async function loadClientNames(db: Db, names: Names, clientIds: readonly number[]): Promise<void> {
  const ids = [...new Set(clientIds)];
  names.clients = byId(ids.length ? await db.selectFrom('clients').select(['id', 'name']).where('id', 'in', ids).execute() : []);
}
