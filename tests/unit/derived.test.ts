import { describe, expect, it } from 'vitest';
import { refreshSubscriptions, rollDerivedTo } from '../../server/src/domain/derived.ts';
import { plusDays } from '../../server/src/domain/dates.ts';
import { seedDatabase } from '../../server/src/seed/generate.ts';
import { testDatabase, type TestDatabase } from '../helpers/testApp.ts';
import { ledgerBalances } from '../helpers/fixtures.ts';

const snapshot = async (t: TestDatabase) => ({
  subscriptions: await t.db
    .selectFrom('subscriptions')
    .select(['id', 'status', 'start_date', 'end_date', 'seats', 'renewed', 'to_renew'])
    .orderBy('id')
    .execute(),
  clients: await t.db.selectFrom('clients').select(['id', 'status', 'end_date', 'to_renew']).orderBy('id').execute(),
});

describe('derived statuses kept for today', () => {
  it('rolling forward day by day gives what a full recomputation gives', async () => {
    const t = await testDatabase('2026-11-26');
    await seedDatabase(t.db, { clients: 150, today: '2026-11-26', seed: 7 });
    const ids = (await t.db.selectFrom('subscriptions').select('id').execute()).map((r) => r.id);
    let day = '2026-11-26';
    let changed = 0;
    for (let i = 1; i <= 120; i++) {
      day = plusDays(day, 1);
      changed += await t.db.transaction().execute((tx) => rollDerivedTo(tx, day));
      if (i % 30 === 0) {
        const rolled = await snapshot(t);
        await t.db.transaction().execute(async (tx) => refreshSubscriptions(tx, ids, day));
        expect(await snapshot(t)).toEqual(rolled);
      }
    }
    // Rolling touches only the rows whose status may change, not every row every day.
    expect(changed).toBeGreaterThan(0);
    expect(changed).toBeLessThan(ids.length * 2);
    await t.close();
  });

  it('moving back in time recomputes everything', async () => {
    const t = await testDatabase('2026-11-26');
    await seedDatabase(t.db, { clients: 50, today: '2026-11-26', seed: 3 });
    const ids = (await t.db.selectFrom('subscriptions').select('id').execute()).map((r) => r.id);
    expect(await t.db.transaction().execute((tx) => rollDerivedTo(tx, '2026-01-01'))).toBe(ids.length);
    const rolled = await snapshot(t);
    await t.db.transaction().execute(async (tx) => refreshSubscriptions(tx, ids, '2026-01-01'));
    expect(await snapshot(t)).toEqual(rolled);
    await t.close();
  });
});

describe('seeded data', () => {
  it('has every status, and pool balances equal to their ledger', async () => {
    const t = await testDatabase('2026-11-26');
    const summary = await seedDatabase(t.db, { clients: 300, today: '2026-11-26' });
    expect(summary.clients).toBe(300);
    expect(summary.subscriptions).toBe(600);
    const statuses = await t.db.selectFrom('subscriptions').select('status').distinct().execute();
    expect(statuses.map((s) => s.status).sort()).toEqual(['active', 'cancelled', 'expired', 'expiring', 'not_started', 'renewed']);
    for (const pool of await ledgerBalances(t)) expect(pool.balance).toBe(pool.ledger);
    await t.close();
  });
});
