import { describe, expect, it } from 'vitest';
import { groupCommit } from '../../server/src/data/groupCommit.ts';
import { grantLicenses } from '../../server/src/domain/allocations.ts';
import { buildHierarchy, ledgerBalances, poolBalance } from '../helpers/fixtures.ts';
import { testDatabase } from '../helpers/testApp.ts';

describe('group commit', () => {
  it('commits actions arriving together at once, each succeeding or failing alone', async () => {
    const t = await testDatabase();
    const h = await buildHierarchy(t);
    const before = await poolBalance(t, { partnerId: h.partners.alpha }, h.products.tbox);
    const transact = groupCommit(t.db);
    const ran: string[] = [];
    const grant = (name: string, quantity: number, fail = false) =>
      transact(async (tx) => {
        await grantLicenses(tx, t.ctx(), { partner_id: h.partners.alpha, product_id: h.products.tbox, quantity });
        ran.push(name);
        if (fail) throw new Error(`${name} refused after writing`);
        return name;
      }).then((value) => `${value} answered after ${ran.join(',')}`);

    const outcomes = await Promise.allSettled([grant('first', 10), grant('second', 100, true), grant('third', 1)]);

    // Nobody is answered before the shared commit: the first action resolves once the third has run.
    expect(outcomes[0]).toEqual({ status: 'fulfilled', value: 'first answered after first,second,third' });
    expect(outcomes[1]).toMatchObject({ status: 'rejected', reason: { message: 'second refused after writing' } });
    expect(outcomes[2]).toEqual({ status: 'fulfilled', value: 'third answered after first,second,third' });
    // The failed action's grant was rolled back to its savepoint; the others' are in.
    expect(await poolBalance(t, { partnerId: h.partners.alpha }, h.products.tbox)).toBe(before + 11);
    const ledger = await ledgerBalances(t);
    expect(ledger.every((pool) => pool.balance === pool.ledger)).toBe(true);
    await t.close();
  });

  it('answers a crowd larger than one batch: every action runs and commits', async () => {
    const t = await testDatabase();
    const h = await buildHierarchy(t);
    const before = await poolBalance(t, { partnerId: h.partners.alpha }, h.products.tbox);
    const transact = groupCommit(t.db);
    const crowd = Array.from({ length: 150 }, (_, i) =>
      transact((tx) => grantLicenses(tx, t.ctx(), { partner_id: h.partners.alpha, product_id: h.products.tbox, quantity: i + 1 })),
    );
    await Promise.all(crowd);
    expect(await poolBalance(t, { partnerId: h.partners.alpha }, h.products.tbox)).toBe(before + (150 * 151) / 2);
    await t.close();
  });

  it('runs the next batch after the current one, never inside it', async () => {
    const t = await testDatabase();
    const transact = groupCommit(t.db);
    const order: string[] = [];
    const slow = transact(async () => {
      order.push('slow starts');
      await new Promise((resolve) => setTimeout(resolve, 20));
      order.push('slow ends');
    });
    await new Promise((resolve) => setImmediate(resolve));
    const late = transact(async () => void order.push('late runs'));
    await Promise.all([slow, late]);
    expect(order).toEqual(['slow starts', 'slow ends', 'late runs']);
    await t.close();
  });
});
