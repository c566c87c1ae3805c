import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { browserTestsEnabled, launchChromium, logInThroughPage, seriousViolations, startDemoServer } from './browser.ts';

const TODAY = '2026-12-03';
const enabled = browserTestsEnabled();

/** DESIGN §7 in the console: a reseller registers an endpoint, copies its secret once, resends a delivery. */
describe.runIf(enabled)('webhooks in the console', () => {
  let server: Awaited<ReturnType<typeof startDemoServer>>;
  let browser: Browser;

  beforeAll(async () => {
    server = await startDemoServer(TODAY);
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  const newPage = async (width: number) => (await browser.newContext({ viewport: { width, height: 900 }, locale: 'fr-FR' })).newPage();
  /** Nothing wider than the window (a phone must not scroll sideways to reach a button). */
  const fitsWidth = (page: Page) => page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth);

  for (const width of [1280, 390]) {
    it(`creates an endpoint, shows its secret once, and "Renvoyer" re-queues a delivery (${width} px, axe-clean)`, async () => {
      const page = await newPage(width);
      await logInThroughPage(page, server.url, 'reseller');
      await page.goto(`${server.url}/#/webhooks/create`);
      const url = `https://crm.example.fr/cascade-${width}`;
      await page.getByLabel('Adresse (URL)').fill(url);
      await page.getByRole('checkbox', { name: 'Commande passée' }).check();
      expect(await seriousViolations(page)).toEqual([]);
      await page.getByRole('button', { name: 'Enregistrer' }).click();

      const dialog = page.getByRole('dialog', { name: 'Secret de signature' });
      const secret = (await dialog.getByTestId('webhook-secret').textContent())!;
      expect(secret).toMatch(/^whsec_[0-9a-f]{64}$/);
      expect(await seriousViolations(page)).toEqual([]);
      await dialog.getByRole('button', { name: 'J’ai copié le secret' }).click();
      await page.getByRole('heading', { name: 'Journal des envois' }).waitFor();
      expect(await page.getByText(secret).count()).toBe(0);

      // A delivery that failed for good, as the worker would leave it.
      const webhook = await server.db.selectFrom('webhooks').select(['id', 'events']).where('url', '=', url).executeTakeFirstOrThrow();
      expect(JSON.parse(webhook.events)).toEqual(['subscription.renewed', 'order.submitted']);
      const eventId = `evt_e2e${width}`;
      await server.db.insertInto('webhook_events').values({ id: eventId, type: 'subscription.renewed', created: `${TODAY}T09:00:00.000Z`, data: '{}', partner_id: null, reseller_id: null, dedupe_key: null }).execute();
      const { id: deliveryId } = await server.db
        .insertInto('webhook_deliveries')
        .values({ webhook_id: webhook.id, event_id: eventId, type: 'subscription.renewed', status: 'failed', attempts: 14, last_status_code: 500, created_at: `${TODAY}T09:00:00.000Z` })
        .returning('id')
        .executeTakeFirstOrThrow();
      // Written behind the server's back: a write through the API empties its read cache, as the worker does.
      await page.evaluate((id) => fetch(`/api/webhooks/${id}`, { method: 'PUT', headers: { 'Content-Type': 'application/json' }, body: '{"active":true}' }), webhook.id);
      await page.reload();
      await page.getByText('Échec', { exact: true }).waitFor();
      expect(await seriousViolations(page)).toEqual([]);
      expect(await fitsWidth(page)).toBe(true);
      await page.getByRole('button', { name: 'Renvoyer' }).click();
      await page.getByText('Envoi remis en file').waitFor();
      const delivery = await server.db.selectFrom('webhook_deliveries').select(['status', 'next_attempt_at']).where('id', '=', deliveryId).executeTakeFirstOrThrow();
      expect(delivery).toEqual({ status: 'pending', next_attempt_at: null });

      await page.goto(`${server.url}/#/webhooks`);
      await page.getByRole('link', { name: 'Créer' }).waitFor();
      await expect.poll(() => page.locator('main').innerText()).toContain(url);
      expect(await seriousViolations(page)).toEqual([]);
      expect(await fitsWidth(page)).toBe(true);
      await page.context().close();
    });
  }
});
