import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { checkInvariants } from '../../server/src/domain/invariants.ts';
import { SYSTEM_SCOPE } from '../../server/src/domain/access.ts';
import { stockForecast } from '../../server/src/domain/forecast.ts';
import { seedBilling } from '../../server/src/seed/billing.ts';
import { seedDatabase } from '../../server/src/seed/generate.ts';
import { testDatabase, type TestDatabase } from '../helpers/testApp.ts';

/** The demo's billing data (npm run demo): what the console's orders, invoices and forecast show. */

let t: TestDatabase;
const NOW = '2026-12-03T08:00:00.000Z';

beforeEach(async () => {
  t = await testDatabase('2026-12-03');
  await seedDatabase(t.db, { clients: 300, today: '2026-12-03', now: NOW, seed: 1 });
});
afterEach(() => t.close());

describe('seedBilling', () => {
  it('gives orders in every status with their invoices, a credit note, a price list and identities, ledger intact', async () => {
    const summary = await seedBilling(t.db, { today: '2026-12-03', now: NOW });
    const statuses = await t.db.selectFrom('orders').select('status').distinct().execute();
    expect(statuses.map((s) => s.status).sort()).toEqual(['cancelled', 'fulfilled', 'refused', 'submitted']);
    const invoices = await t.db.selectFrom('invoices').select(['kind', 'number', 'issued_on']).execute();
    expect(invoices.length).toBe(summary.invoices);
    expect(invoices.filter((i) => i.kind === 'credit_note')).toHaveLength(1);
    expect(await t.db.selectFrom('orders').select('id').where('status', '=', 'fulfilled').where('invoice_id', 'is', null).execute()).toEqual([]);
    expect(await t.db.selectFrom('prices').select('id').execute()).toHaveLength(4);
    expect(await t.db.selectFrom('partners').select('id').where('siren', 'is', null).execute()).toEqual([]);
    expect(await checkInvariants(t.db)).toEqual([]);

    // Nothing is stamped after the seed's now.
    const latest = await t.db.selectFrom('movements').select((eb) => eb.fn.max('created_at').as('at')).executeTakeFirstOrThrow();
    expect(String(latest.at) <= NOW).toBe(true);
  });

  it('leaves the demo reseller a pool short of its renewals due within 90 days', async () => {
    await seedBilling(t.db, { today: '2026-12-03', now: NOW });
    const demoReseller = await t.db.selectFrom('resellers').select('id').orderBy('id').executeTakeFirstOrThrow();
    const tbox = await t.db.selectFrom('products').select('id').where('code', '=', 'TBox').executeTakeFirstOrThrow();
    const forecast = await stockForecast(t.db, '2026-12-03', SYSTEM_SCOPE);
    const pool = forecast.find((p) => p.holder_type === 'reseller' && p.holder_id === demoReseller.id && p.product_id === tbox.id);
    expect(pool?.shortfall_90).toBe(15);
  });
});
