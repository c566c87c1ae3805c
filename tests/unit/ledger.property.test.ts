import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { allocateLicenses, grantLicenses } from '../../server/src/domain/allocations.ts';
import { createClient } from '../../server/src/domain/clients.ts';
import { AppError } from '../../server/src/domain/errors.ts';
import { changeSeats, renewSubscription } from '../../server/src/domain/subscriptions.ts';
import { buildHierarchy, ledgerBalances } from '../helpers/fixtures.ts';
import { testDatabase } from '../helpers/testApp.ts';

/** One user action, with small numbers so pools run short often. */
const action = fc.oneof(
  fc.record({ kind: fc.constant('grant' as const), partner: fc.nat(1), product: fc.nat(1), quantity: fc.integer({ min: 1, max: 60 }) }),
  fc.record({ kind: fc.constant('allocate' as const), reseller: fc.nat(2), product: fc.nat(1), quantity: fc.integer({ min: -40, max: 40 }).filter((q) => q !== 0) }),
  fc.record({ kind: fc.constant('client' as const), reseller: fc.nat(3), product: fc.nat(1), years: fc.integer({ min: 1, max: 3 }), seats: fc.integer({ min: 1, max: 12 }), startOffset: fc.integer({ min: -400, max: 60 }) }),
  fc.record({ kind: fc.constant('renew' as const), pick: fc.nat(), years: fc.integer({ min: 1, max: 3 }), seats: fc.integer({ min: 1, max: 12 }) }),
  fc.record({ kind: fc.constant('seats' as const), pick: fc.nat(), seats: fc.integer({ min: 1, max: 20 }) }),
);

const isoPlusDays = (date: string, days: number) => new Date(Date.parse(date) + days * 86_400_000).toISOString().slice(0, 10);

describe('the ledger', () => {
  it('always adds up to the pool balances, whatever sequence of actions succeeds or fails', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(action, { minLength: 1, maxLength: 25 }), async (actions) => {
        const t = await testDatabase('2026-11-26');
        const h = await buildHierarchy(t);
        const products = [h.products.tbox, h.products.tsend];
        const partners = [h.partners.alpha, h.partners.beta];
        const resellers = [h.resellers.alphaNord, h.resellers.alphaSud, h.resellers.betaEst];
        for (const a of actions) {
          const before = await ledgerBalances(t);
          try {
            await t.db.transaction().execute(async (tx) => {
              const ctx = t.ctx();
              const subs = await tx.selectFrom('subscriptions').select('id').orderBy('id').execute();
              switch (a.kind) {
                case 'grant':
                  return grantLicenses(tx, ctx, { partner_id: partners[a.partner], product_id: products[a.product], quantity: a.quantity });
                case 'allocate':
                  return allocateLicenses(tx, ctx, { reseller_id: resellers[a.reseller], product_id: products[a.product], quantity: a.quantity });
                case 'client':
                  return createClient(tx, ctx, {
                    name: 'Client',
                    ...(a.reseller < 3 ? { reseller_id: resellers[a.reseller] } : { partner_id: h.partners.alpha }),
                    subscriptions: [{ product_id: products[a.product], start_date: isoPlusDays(ctx.today, a.startOffset), years: a.years, seats: a.seats }],
                  });
                case 'renew':
                  if (subs.length) await renewSubscription(tx, ctx, subs[a.pick % subs.length].id, { years: a.years, seats: a.seats });
                  return;
                case 'seats':
                  if (subs.length) await changeSeats(tx, ctx, subs[a.pick % subs.length].id, a.seats);
                  return;
              }
            });
          } catch (error) {
            // A refused action (short pool, no current term) must leave every balance as it was.
            if (!(error instanceof AppError) || ![400, 409].includes(error.status)) throw error;
            expect(await ledgerBalances(t)).toEqual(before);
          }
          for (const pool of await ledgerBalances(t)) {
            expect(pool.balance).toBeGreaterThanOrEqual(0);
            expect(pool.balance).toBe(pool.ledger);
          }
        }
        await t.close();
      }),
      { numRuns: 40 },
    );
  });
});
