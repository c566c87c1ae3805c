import { describe, expect, it, onTestFinished } from 'vitest';
import { addClient, buildHierarchy, fundReseller } from '../helpers/fixtures.ts';
import { sessionCookieFor, testDatabase } from '../helpers/testApp.ts';
import { signatureVerifies, startReceiver } from '../helpers/webhookReceiver.ts';
import { startServer, tempDir } from './serverProcess.ts';

const TODAY = '2026-11-26';

/**
 * DESIGN §7: the outbox is written with the renewal, so a server killed (SIGKILL) after the
 * renewal's commit and before its delivery loses nothing: the next server sends it at start.
 */
describe('webhook delivery across a crash', () => {
  it('a renewal committed by a server killed before delivering is delivered after restart', async () => {
    const dir = tempDir(onTestFinished);
    const file = `${dir}/cascade.db`;
    const receiver = await startReceiver();
    onTestFinished(receiver.close);

    // The data, a login and the endpoint, written before any server runs.
    const database = await testDatabase(TODAY, file);
    const h = await buildHierarchy(database);
    await fundReseller(database, h.resellers.alphaNord, h.products.tbox, 50);
    const { subscriptionIds } = await addClient(database, {
      name: 'Dupont SA',
      reseller_id: h.resellers.alphaNord,
      subscriptions: [{ product_id: h.products.tbox, start_date: '2026-01-01', years: 1, seats: 5 }],
    });
    const cookie = await sessionCookieFor(database, { email: 'admin@cascade.test', role: 'admin' });
    await database.close();

    const env = { DATABASE_URL: `file:${file}`, TODAY, WEBHOOK_ALLOW_PRIVATE: 'true' };
    // Its first look for due deliveries is at start; the next would be in 10 minutes: the renewal waits.
    const first = await startServer('tsx', { ...env, WEBHOOK_POLL_MS: '600000' });
    onTestFinished(first.stop);
    const base = `http://127.0.0.1:${first.port}`;
    const created = await fetch(`${base}/api/webhooks`, {
      method: 'POST',
      headers: { Cookie: cookie, 'Content-Type': 'application/json' },
      body: JSON.stringify({ url: receiver.url, events: ['subscription.renewed'] }),
    });
    expect(created.status).toBe(201);
    const { secret } = (await created.json()) as { secret: string };
    const renewed = await fetch(`${base}/api/subscriptions/${subscriptionIds[0]}/renew`, {
      method: 'POST',
      headers: { Cookie: cookie, 'Content-Type': 'application/json' },
      body: JSON.stringify({ years: 1 }),
    });
    expect(renewed.status).toBe(201);
    first.child.kill('SIGKILL');
    await first.exited;
    expect(receiver.received).toHaveLength(0);

    const restartedAt = performance.now();
    const second = await startServer('tsx', { ...env, WEBHOOK_POLL_MS: '500' });
    onTestFinished(second.stop);
    while (receiver.received.length === 0 && performance.now() - restartedAt < 30_000) await new Promise((r) => setTimeout(r, 100));

    expect(receiver.received).toHaveLength(1);
    const [hit] = receiver.received;
    expect(hit.json).toMatchObject({ type: 'subscription.renewed', data: { id: subscriptionIds[0], renewed: true, end_date: '2026-12-31' } });
    expect(signatureVerifies(secret, hit.headers['cascade-signature'], hit.body)).toBe(true);
    // And once only: a few more polls send nothing again.
    await new Promise((r) => setTimeout(r, 1500));
    expect(receiver.received).toHaveLength(1);
  });
});
