import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addClient, buildHierarchy, fundReseller, ledgerBalances, poolBalance } from '../helpers/fixtures.ts';
import { testApp } from '../helpers/testApp.ts';
import type { TestApp } from './scenario.ts';

describe('concurrent renewals on one pool', () => {
  let t: TestApp;
  let base = '';
  let server: Server;
  beforeAll(async () => {
    t = await testApp('2026-11-26');
    server = t.app.listen(0);
    await new Promise((resolve) => server.once('listening', resolve));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}/api`;
  });
  afterAll(() => new Promise((resolve) => server.close(resolve)));

  it('20 renewals fired at once on a pool that pays for 5: 5 succeed, 15 get 409, nothing oversold', async () => {
    const h = await buildHierarchy(t);
    // 20 clients with 2 seats each (40 licenses), then exactly 5 renewals of 2 seats × 1 year left.
    await fundReseller(t, h.resellers.alphaNord, h.products.tbox, 40 + 10);
    const subscriptionIds: number[] = [];
    for (let i = 0; i < 20; i++) {
      const c = await addClient(t, {
        name: `Client ${i}`,
        reseller_id: h.resellers.alphaNord,
        subscriptions: [{ product_id: h.products.tbox, start_date: '2026-01-01', years: 1, seats: 2 }],
      });
      subscriptionIds.push(c.subscriptionIds[0]);
    }
    expect(await poolBalance(t, { resellerId: h.resellers.alphaNord }, h.products.tbox)).toBe(10);

    const responses = await Promise.all(
      subscriptionIds.map((id) =>
        fetch(`${base}/subscriptions/${id}/renew`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ years: 1, seats: 2 }),
        }),
      ),
    );
    const statuses = responses.map((r) => r.status);
    expect(statuses.filter((s) => s === 201)).toHaveLength(5);
    expect(statuses.filter((s) => s === 409)).toHaveLength(15);
    const refused = await responses.find((r) => r.status === 409)!.json();
    expect(refused.message).toMatch(/Insufficient licenses: 2 needed, 0 remaining/);

    expect(await poolBalance(t, { resellerId: h.resellers.alphaNord }, h.products.tbox)).toBe(0);
    const renewedTerms = await t.db.selectFrom('terms').select('id').where('start_date', '=', '2027-01-01').execute();
    expect(renewedTerms).toHaveLength(5);
    for (const pool of await ledgerBalances(t)) expect(pool.balance).toBe(pool.ledger);
  });
});
