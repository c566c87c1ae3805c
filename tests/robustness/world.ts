import { addClient, buildHierarchy, fundReseller } from '../helpers/fixtures.ts';
import { sessionCookieFor, testDatabase } from '../helpers/testApp.ts';
import { grantLicenses } from '../../server/src/domain/allocations.ts';

/**
 * The database of the load tests, in a file a server process then opens: one reseller with a pool
 * (small by default, so the load runs it dry) shared by 30 one-seat clients, its partner with a
 * small stock to allocate, and a live session for the admin, the partner and the reseller.
 */
export async function loadWorld(file: string, options: { resellerPool?: number; startOf?: (client: number) => string; autoRenew?: boolean } = {}) {
  const { resellerPool = 150, startOf = () => '2026-01-15', autoRenew = false } = options;
  const t = await testDatabase('2026-11-26', file);
  const h = await buildHierarchy(t);
  await fundReseller(t, h.resellers.alphaNord, h.products.tbox, resellerPool);
  await t.db.transaction().execute((tx) => grantLicenses(tx, t.ctx(), { product_id: h.products.tbox, partner_id: h.partners.alpha, quantity: 60 }));
  const subscriptions: number[] = [];
  for (let i = 1; i <= 30; i++) {
    const client = await addClient(t, {
      name: `Client ${i}`,
      reseller_id: h.resellers.alphaNord,
      subscriptions: [{ product_id: h.products.tbox, start_date: startOf(i), years: 1, seats: 1 }],
    });
    subscriptions.push(client.subscriptionIds[0]);
  }
  if (autoRenew) t.sqlite!.exec('UPDATE subscriptions SET auto_renew = 1');
  const cookies = {
    admin: await sessionCookieFor(t, { email: 'admin@load.test', role: 'admin' }),
    partner: await sessionCookieFor(t, { email: 'partner@load.test', role: 'partner', partner_id: h.partners.alpha }),
    reseller: await sessionCookieFor(t, { email: 'reseller@load.test', role: 'reseller', partner_id: h.partners.alpha, reseller_id: h.resellers.alphaNord }),
  };
  await t.close();
  return { cookies, subscriptions, product: h.products.tbox, reseller: h.resellers.alphaNord };
}

export type LoadWorld = Awaited<ReturnType<typeof loadWorld>>;
