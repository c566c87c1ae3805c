import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import net from 'node:net';
import pino from 'pino';
import request from 'supertest';
import { afterEach, expect, it } from 'vitest';
import { createDeliveryWorker } from '../../server/src/webhooks/worker.ts';
import { TODAY, statusScenario } from '../api/scenario.ts';
import { sessionCookieFor, testApp } from '../helpers/testApp.ts';

/**
 * The README's machine-access walk-through (issue 14): a partner's script holding only an API key
 * registers its webhook, renews a subscription, and the README's receiver (scripts/webhook-receiver.mjs,
 * its own process) logs the signed subscription.renewed event.
 */

let receiver: ChildProcess | undefined;
afterEach(() => {
  receiver?.kill();
});

async function freePort(): Promise<number> {
  const server = net.createServer().listen(0, '127.0.0.1');
  await once(server, 'listening');
  const { port } = server.address() as net.AddressInfo;
  await new Promise((resolve) => server.close(resolve));
  return port;
}

/** Resolves with the receiver's output once a line matches `pattern`. */
function outputUntil(child: ChildProcess, pattern: RegExp, timeoutMs = 10_000): Promise<string> {
  return new Promise((resolve, reject) => {
    let output = '';
    const timer = setTimeout(() => reject(new Error(`receiver said only: ${output}`)), timeoutMs);
    child.stdout!.on('data', (chunk: Buffer) => {
      output += chunk.toString();
      if (pattern.test(output)) {
        clearTimeout(timer);
        resolve(output);
      }
    });
  });
}

it('a script with only an API key renews, and the README receiver logs the verified subscription.renewed', async () => {
  const t = await testApp(TODAY, { webhookTargets: { allowPrivate: true } });
  const s = await statusScenario(t);
  const partner = await sessionCookieFor(t, { email: 'partner@beta.test', role: 'partner', partner_id: s.partners.beta });
  const key = await request(t.server).post('/api/api_keys').set('Cookie', partner).send({ name: 'CRM', scope: 'write' });
  expect(key.status, JSON.stringify(key.body)).toBe(201);
  const bearer = { Authorization: `Bearer ${key.body.secret}` };

  // From here on, only the key.
  const port = await freePort();
  const hook = await request(t.server).post('/api/webhooks').set(bearer).send({ url: `http://127.0.0.1:${port}/cascade`, events: ['subscription.renewed'] });
  expect(hook.status, JSON.stringify(hook.body)).toBe(201);
  receiver = spawn(process.execPath, ['scripts/webhook-receiver.mjs', String(port)], { env: { ...process.env, CASCADE_WEBHOOK_SECRET: hook.body.secret } });
  await outputUntil(receiver, /listening/);

  const renewed = await request(t.server).post(`/api/subscriptions/${s.subs.domaine}/renew`).set(bearer).send({ years: 1 });
  expect(renewed.status, JSON.stringify(renewed.body)).toBe(201);
  const logged = outputUntil(receiver, /verified subscription\.renewed/);
  const worker = createDeliveryWorker(t.db, { clock: t.clock, logger: pino({ level: 'silent' }), retryBaseMs: 1_000, pollMs: 60_000, allowPrivate: true });
  expect(await worker.runOnce()).toBe(1);
  expect(await logged).toContain(`"id":${s.subs.domaine}`);
  const [delivery] = await t.db.selectFrom('webhook_deliveries').selectAll().execute();
  expect(delivery).toMatchObject({ status: 'delivered', last_status_code: 204 });

  // A forged event (wrong secret) is refused by the receiver: Cascade would try it again.
  const forged = await fetch(`http://127.0.0.1:${port}/cascade`, { method: 'POST', headers: { 'Cascade-Signature': `t=${Math.floor(Date.now() / 1000)},v1=00` }, body: '{}' });
  expect(forged.status).toBe(400);
});
