import { insertPrice } from '../data/prices.ts';
import { writePublisher } from '../data/publisher.ts';
import { transact, type Db, type Tx } from '../data/transact.ts';
import type { Scope } from '../domain/access.ts';
import { allocateLicenses } from '../domain/allocations.ts';
import type { ActionContext } from '../domain/context.ts';
import { plusDays, plusMonths, plusYears } from '../domain/dates.ts';
import { stockForecast } from '../domain/forecast.ts';
import { creditInvoice } from '../domain/invoices.ts';
import { DEFAULT_BILLING } from '../../../shared/money.ts';
import { cancelOrder, fulfilOrder, refuseOrder, submitOrder } from '../domain/orders.ts';

/**
 * The demo's billing (DESIGN §6), on a seeded database: a price list with its history and a price
 * to come, identities and discounts, orders in every status with their invoices and a credit note,
 * made through the domain as the people concerned would, on days before today; and a reseller pool
 * short of what its renewals due within 90 days need, for the forecast.
 */

const ACTOR = 'seed';

/** Valid (Luhn) SIRENs and their French VAT numbers, made up for the demo. */
const IDENTIFIERS = [
  ['812345676', 'FR19812345676'],
  ['823456785', 'FR72823456785'],
  ['834567893', 'FR25834567893'],
  ['845678903', 'FR72845678903'],
  ['856789011', 'FR32856789011'],
  ['867890121', 'FR61867890121'],
  ['878901230', 'FR38878901230'],
  ['889012340', 'FR13889012340'],
  ['890123458', 'FR59890123458'],
  ['801234568', 'FR66801234568'],
] as const;
const CITIES = ['69002 Lyon', '75011 Paris', '33000 Bordeaux', '31000 Toulouse', '44000 Nantes', '59000 Lille', '13001 Marseille', '67000 Strasbourg', '35000 Rennes'];

const identity = (name: string, i: number) => ({
  legal_name: `${name} SAS`,
  address: `${12 + i * 7} rue de la République\n${CITIES[i % CITIES.length]}`,
  siren: IDENTIFIERS[(i + 1) % IDENTIFIERS.length][0],
  vat_number: IDENTIFIERS[(i + 1) % IDENTIFIERS.length][1],
});

export interface BillingSeedSummary {
  orders: number;
  invoices: number;
}

export async function seedBilling(db: Db, { today, now }: { today: string; now: string }): Promise<BillingSeedSummary> {
  const products = Object.fromEntries((await db.selectFrom('products').select(['id', 'code']).execute()).map((p) => [p.code, p.id]));
  const partners = await db.selectFrom('partners').select(['id', 'name']).orderBy('id').execute();
  const resellers = await db.selectFrom('resellers').select(['id', 'name', 'partner_id']).orderBy('id').execute();

  await transact(db, async (tx) => {
    await writePublisher(tx, { legal_name: 'Cascade Éditions SAS', address: '10 avenue de France\n75013 Paris', siren: IDENTIFIERS[0][0], vat_number: IDENTIFIERS[0][1] });
    // History a year back, the current price, and one to come.
    await insertPrice(tx, { product_id: products.TBox, unit_price_cents: 4_500, valid_from: plusYears(today, -1) });
    await insertPrice(tx, { product_id: products.TBox, unit_price_cents: 4_800, valid_from: plusMonths(today, -2) });
    await insertPrice(tx, { product_id: products.TBox, unit_price_cents: 5_200, valid_from: plusMonths(today, 2) });
    await insertPrice(tx, { product_id: products.TSend, unit_price_cents: 1_990, valid_from: plusYears(today, -1) });
    for (const [i, partner] of partners.entries()) {
      await tx.updateTable('partners').set({ discount_percent: [15, 12.5, 10][i % 3], ...identity(partner.name, i) }).where('id', '=', partner.id).execute();
    }
    for (const [i, reseller] of resellers.entries()) {
      await tx.updateTable('resellers').set({ discount_percent: [10, 7.5, 5][i % 3], ...identity(reseller.name, partners.length + i) }).where('id', '=', reseller.id).execute();
    }
  });

  // Who acts, on which day (orders and invoices are dated in the past, the latest ones left pending).
  const as = (scope: Omit<Scope, 'userId'>, daysAgo: number): ActionContext => {
    const day = plusDays(today, -daysAgo);
    return { actor: ACTOR, scope: { ...scope, userId: null }, today: day, now: daysAgo === 0 ? now : `${day}T10:00:00.000Z` };
  };
  const admin = { role: 'admin', partnerId: null, resellerId: null } as const;
  const run = <T>(action: (tx: Tx) => Promise<T>) => transact(db, action);
  const order = (ctx: ActionContext, lines: { product_id: number; quantity: number }[]) => run((tx) => submitOrder(tx, ctx, DEFAULT_BILLING, lines));

  for (const [i, partner] of partners.entries()) {
    const partnerScope = { role: 'partner', partnerId: partner.id, resellerId: null } as const;
    const bought = await order(as(partnerScope, 60 - i), [{ product_id: products.TBox, quantity: 200 }, { product_id: products.TSend, quantity: 50 }]);
    await run((tx) => fulfilOrder(tx, as(admin, 58 - i), DEFAULT_BILLING, bought));
    const [first, second] = resellers.filter((r) => r.partner_id === partner.id);
    const resellerScope = (r: { id: number }) => ({ role: 'reseller', partnerId: partner.id, resellerId: r.id }) as const;
    const fulfilled = await order(as(resellerScope(first), 45), [{ product_id: products.TBox, quantity: 50 }]);
    await run((tx) => fulfilOrder(tx, as(partnerScope, 44), DEFAULT_BILLING, fulfilled));
    if (i > 0) continue;
    // The demo partner's: one of each status, a credited invoice, and orders waiting for a decision.
    const credited = await order(as(resellerScope(second), 40), [{ product_id: products.TSend, quantity: 10 }]);
    await run((tx) => fulfilOrder(tx, as(partnerScope, 39), DEFAULT_BILLING, credited));
    const invoiceId = (await db.selectFrom('orders').select('invoice_id').where('id', '=', credited).executeTakeFirstOrThrow()).invoice_id!;
    await run((tx) => creditInvoice(tx, as(partnerScope, 30), DEFAULT_BILLING, invoiceId));
    const refused = await order(as(resellerScope(first), 20), [{ product_id: products.TBox, quantity: 500 }]);
    await run((tx) => refuseOrder(tx, as(partnerScope, 19), refused, 'Quantité trop importante : merci de commander par tranches de 100'));
    const cancelled = await order(as(resellerScope(first), 12), [{ product_id: products.TSend, quantity: 5 }]);
    await run((tx) => cancelOrder(tx, as(resellerScope(first), 11), cancelled));
    await order(as(resellerScope(first), 2), [{ product_id: products.TBox, quantity: 30 }, { product_id: products.TSend, quantity: 10 }]);
    await order(as(partnerScope, 1), [{ product_id: products.TBox, quantity: 300 }]);
    await makeShortfall(db, as(partnerScope, 0), first.id, products.TBox);
  }
  const count = async (table: 'orders' | 'invoices') => Number((await db.selectFrom(table).select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow()).n);
  return { orders: await count('orders'), invoices: await count('invoices') };
}

/**
 * Takes licences back from a reseller's pool (to its partner) until it is 15 short of what its
 * renewals due within 90 days need, so that the forecast shows a shortfall.
 */
async function makeShortfall(db: Db, ctx: ActionContext, resellerId: number, productId: number) {
  const pool = (await stockForecast(db, ctx.today, ctx.scope)).find((p) => p.holder_type === 'reseller' && p.holder_id === resellerId && p.product_id === productId);
  if (!pool || pool.due_90 === 0) return;
  const back = Math.min(pool.balance, pool.balance - pool.due_90 + 15);
  if (back > 0) await transact(db, (tx) => allocateLicenses(tx, ctx, { product_id: productId, reseller_id: resellerId, quantity: -back }));
}
