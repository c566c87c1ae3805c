import { grantLicenses, allocateLicenses } from '../../server/src/domain/allocations.ts';
import { createClient, type NewClient } from '../../server/src/domain/clients.ts';
import { searchKey } from '../../server/src/domain/search.ts';
import type { TestDatabase } from './testApp.ts';

/**
 * A small hierarchy to test against: products TBox and TSend; partner "Alpha" with resellers
 * "Alpha Nord" and "Alpha Sud"; partner "Beta" with reseller "Beta Est". Pools start empty.
 */
export async function buildHierarchy(t: TestDatabase) {
  const { db } = t;
  const insert = async <T extends 'products' | 'partners' | 'resellers'>(table: T, values: { name: string; code?: string; email?: string; partner_id?: number }) =>
    (await db.insertInto(table).values({ ...values, search_name: searchKey(values.name) } as never).returning('id').executeTakeFirstOrThrow()).id as number;
  const tbox = await insert('products', { code: 'TBox', name: 'TBox' });
  const tsend = await insert('products', { code: 'TSend', name: 'TSend' });
  const alpha = await insert('partners', { name: 'Alpha', email: 'alpha@example.fr' });
  const beta = await insert('partners', { name: 'Beta', email: 'beta@example.fr' });
  const alphaNord = await insert('resellers', { name: 'Alpha Nord', email: 'nord@example.fr', partner_id: alpha });
  const alphaSud = await insert('resellers', { name: 'Alpha Sud', email: 'sud@example.fr', partner_id: alpha });
  const betaEst = await insert('resellers', { name: 'Beta Est', email: 'est@example.fr', partner_id: beta });
  return { products: { tbox, tsend }, partners: { alpha, beta }, resellers: { alphaNord, alphaSud, betaEst } };
}

/** Gives a reseller `quantity` licenses of a product: granted to its partner, then allocated. */
export async function fundReseller(t: TestDatabase, resellerId: number, productId: number, quantity: number) {
  const reseller = await t.db.selectFrom('resellers').selectAll().where('id', '=', resellerId).executeTakeFirstOrThrow();
  await t.db.transaction().execute(async (tx) => {
    await grantLicenses(tx, t.ctx(), { product_id: productId, partner_id: reseller.partner_id, quantity });
    await allocateLicenses(tx, t.ctx(), { product_id: productId, reseller_id: resellerId, quantity });
  });
}

/** Creates a client through the domain (one transaction), returning its id and its subscriptions' ids. */
export async function addClient(t: TestDatabase, input: NewClient) {
  const id = await t.db.transaction().execute((tx) => createClient(tx, t.ctx(), input));
  const subs = await t.db.selectFrom('subscriptions').select(['id', 'product_id']).where('client_id', '=', id).orderBy('id').execute();
  return { id, subscriptionIds: subs.map((s) => s.id) };
}

/** Every pool's balance next to the sum of its ledger rows (credits − debits). */
export async function ledgerBalances(t: TestDatabase) {
  const pools = await t.db.selectFrom('pools').select(['id', 'balance']).orderBy('id').execute();
  const movements = await t.db.selectFrom('movements').select(['from_pool_id', 'to_pool_id', 'quantity']).execute();
  return pools.map((p) => ({
    id: p.id,
    balance: p.balance,
    ledger: movements.reduce((sum, m) => sum + (m.to_pool_id === p.id ? m.quantity : 0) - (m.from_pool_id === p.id ? m.quantity : 0), 0),
  }));
}

export async function poolBalance(t: TestDatabase, holder: { resellerId?: number; partnerId?: number }, productId: number) {
  const holderType = holder.resellerId ? 'reseller' : 'partner';
  const row = await t.db
    .selectFrom('pools')
    .select('balance')
    .where('holder_type', '=', holderType)
    .where('holder_id', '=', (holder.resellerId ?? holder.partnerId)!)
    .where('product_id', '=', productId)
    .executeTakeFirst();
  return row?.balance ?? 0;
}

/** What a partner or reseller record says of billing before anyone sets it (DESIGN §6). */
export const NO_BILLING_DETAILS = { discount_percent: 0, legal_name: null, address: null, siren: null, vat_number: null } as const;
