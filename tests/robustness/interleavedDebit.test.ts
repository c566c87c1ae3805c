import { expect, it } from 'vitest';
import { findPool } from '../../server/src/data/pools.ts';
import { migratePostgres, openPostgres } from '../../server/src/db/postgres.ts';
import { SYSTEM_SCOPE } from '../../server/src/domain/access.ts';
import { InsufficientLicensesError } from '../../server/src/domain/errors.ts';
import { move } from '../../server/src/domain/ledger.ts';
import { describePostgres, usePostgresCluster } from '../helpers/postgres.ts';

/**
 * The debit must be conditional in the database. Two connections each open a transaction, both
 * read the pool (10 licences), then both take 7: the second's debit runs while the first still
 * holds the row. A debit written as read-then-update would let both through (14 taken from 10) or
 * trip over the CHECK (balance >= 0) as an unexpected error; the conditional one refuses the
 * second as a short pool once the first commits, and the balance ends at 3.
 */
describePostgres('two connections interleaving a debit on PostgreSQL', () => {
  const cluster = usePostgresCluster();

  it('cannot take more than the balance: one debit succeeds, the other is refused as a short pool', async () => {
    const { db, pool, close } = openPostgres(await cluster().createDatabase(), 2);
    try {
      await migratePostgres(pool);
      const product = await db.insertInto('products').values({ code: 'TB', name: 'T-Box', search_name: 'tb t-box' }).returning('id').executeTakeFirstOrThrow();
      const partner = await db.insertInto('partners').values({ name: 'Alpha', email: 'alpha@example.fr', search_name: 'alpha' }).returning('id').executeTakeFirstOrThrow();
      const holder = { partnerId: partner.id, resellerId: null };
      const { id: poolId } = await db.insertInto('pools').values({ partner_id: partner.id, reseller_id: null, product_id: product.id }).returning('id').executeTakeFirstOrThrow();
      await db.insertInto('movements').values({ kind: 'grant', product_id: product.id, quantity: 10, from_pool_id: null, to_pool_id: poolId, actor: 'test', created_at: '2026-11-26T00:00:00Z' }).execute();
      await db.updateTable('pools').set({ balance: 10 }).where('id', '=', poolId).execute();

      const ctx = { actor: 'test', scope: SYSTEM_SCOPE, today: '2026-11-26', now: '2026-11-26T10:00:00Z' };
      let reads = 0;
      let bothRead: () => void;
      const barrier = new Promise<void>((resolve) => (bothRead = resolve));
      const debit = (holdMs: number, startAfterMs: number) =>
        db.transaction().execute(async (tx) => {
          expect((await findPool(tx, holder, product.id))?.balance).toBe(10);
          if (++reads === 2) bothRead();
          await barrier;
          await new Promise((r) => setTimeout(r, startAfterMs));
          const moved = await move(tx, ctx, { kind: 'consume', productId: product.id, quantity: 7, fromPoolId: poolId, toPoolId: null });
          // The first keeps its transaction open while the second's debit waits on the row.
          await new Promise((r) => setTimeout(r, holdMs));
          return moved.remaining;
        });
      const outcomes = await Promise.allSettled([debit(300, 0), debit(0, 100)]);

      expect(outcomes[0]).toEqual({ status: 'fulfilled', value: 3 });
      expect(outcomes[1].status).toBe('rejected');
      expect((outcomes[1] as PromiseRejectedResult).reason).toBeInstanceOf(InsufficientLicensesError);
      const { balance } = await db.selectFrom('pools').select('balance').where('id', '=', poolId).executeTakeFirstOrThrow();
      expect(balance).toBe(3);
      const consumed = await db.selectFrom('movements').select('quantity').where('kind', '=', 'consume').execute();
      expect(consumed).toEqual([{ quantity: 7 }]);
    } finally {
      await close();
    }
  }, 60_000);
});
