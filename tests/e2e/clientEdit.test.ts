import fs from 'node:fs';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { apiAs, ARTIFACTS, browserTestsEnabled, logInThroughPage, openDemoConsole, startDemoServer } from './browser.ts';

const TODAY = '2026-12-03';
const enabled = browserTestsEnabled();
const REFERENCE = 'BL-2026-0042';

/** Whether the page scrolls sideways (its content wider than the window). */
const overflowsSideways = (page: Page) =>
  page.evaluate(() => document.documentElement.scrollWidth > document.documentElement.clientWidth);

describe.runIf(enabled)('editing a client in Chromium: rename, reference, move, add a product; the page fits', () => {
  let server: Awaited<ReturnType<typeof startDemoServer>>;
  let demo: Awaited<ReturnType<typeof openDemoConsole>>;
  let page: Page;
  let partner: Awaited<ReturnType<typeof apiAs>>;
  let client: Record<string, any>;
  let newReseller: { id: number; name: string };
  const shot = (name: string) => page.screenshot({ path: path.join(ARTIFACTS, `${name}.png`), fullPage: true });
  /** The page's uncaught exceptions (browser.ts only logs them): each test must leave none. */
  const pageErrors: string[] = [];

  /** A license-moving request from the logged-in console (its session, its origin), with a fresh key. */
  const post = (path: string, body: unknown) =>
    page.evaluate(
      async ([path, body]) => {
        const response = await fetch(`/api${path}`, {
          method: 'POST',
          headers: { 'Content-Type': 'application/json', 'Idempotency-Key': crypto.randomUUID() },
          body: JSON.stringify(body),
        });
        return { status: response.status, body: await response.json() };
      },
      [path, body] as const,
    );

  beforeAll(async () => {
    demo = await openDemoConsole(TODAY);
    ({ server, page } = demo);
    page.on('pageerror', (error) => pageErrors.push(`${error.message}\n${error.stack ?? ''}`));
    partner = await apiAs(server.url, 'partner');
    await logInThroughPage(page, server.url, 'partner');
    // A new client of one of the partner's resellers, with one product; and another reseller of that partner.
    const [first, second] = await server.db
      .selectFrom('resellers')
      .innerJoin('partners', 'partners.id', 'resellers.partner_id')
      .select(['resellers.id', 'resellers.name', 'resellers.partner_id'])
      .where('partners.name', '=', 'Alliance Informatique')
      .orderBy('resellers.id')
      .execute();
    newReseller = second;
    const [product] = await server.db.selectFrom('products').select('id').orderBy('id').execute();
    const created = await post('/clients', {
      name: 'Boulangerie Vasseur',
      partner_id: first.partner_id,
      reseller_id: first.id,
      subscriptions: [{ product_id: product.id, start_date: TODAY, years: 1, seats: 4 }],
    });
    expect(created.status).toBe(201);
    client = created.body;
  });
  afterAll(() => demo?.close());
  afterEach(() => {
    expect(pageErrors.splice(0)).toEqual([]);
  });

  it('renames the client, gives it a reference and moves it to another reseller of the partner', async () => {
    await page.goto(`${server.url}/#/clients/${client.id}/show`);
    await page.getByRole('link', { name: 'Modifier' }).click();
    const name = page.getByLabel('Nom client');
    await expect.poll(() => name.inputValue()).toBe(client.name);
    await name.fill(`${client.name} & Fils`);
    await page.getByLabel('Référence client').fill(REFERENCE);
    const reseller = page.getByRole('combobox', { name: 'Nom revendeur (facultatif)' });
    await reseller.fill(newReseller.name);
    await page.getByRole('option', { name: newReseller.name }).click();
    await shot('client-edit');
    await page.getByRole('button', { name: 'Enregistrer' }).click();

    // Back on the client's page, which shows the new name, reference and reseller.
    await page.waitForURL((address) => address.hash === `#/clients/${client.id}/show`);
    const fields = page.locator('.RaTabbedShowLayout-content');
    await expect.poll(() => fields.locator('.ra-field-name').textContent()).toContain(`${client.name} & Fils`);
    await expect.poll(() => fields.locator('.ra-field-reference').textContent()).toContain(REFERENCE);
    await expect.poll(() => fields.locator('.ra-field-reseller_id').textContent()).toContain(newReseller.name);
    const saved = await partner.get(`/clients/${client.id}`);
    expect(saved).toMatchObject({ name: `${client.name} & Fils`, reference: REFERENCE, reseller_id: newReseller.id });
  });

  it('finds the client by its reference in the list, where the reference has its own column', async () => {
    await page.goto(`${server.url}/#/clients`);
    await page.locator('tbody tr').first().waitFor();
    await page.getByPlaceholder('Rechercher').fill(REFERENCE.toLowerCase());
    await expect.poll(() => page.locator('tbody tr').count()).toBe(1);
    const row = page.locator('tbody tr').first();
    await expect.poll(() => row.textContent()).toContain(`${client.name} & Fils`);
    await expect.poll(() => row.locator('.column-reference').textContent()).toBe(REFERENCE);

    // Exporter downloads the same search from the server, for people: French headers, ';', the reference.
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('link', { name: 'Exporter' }).click()]);
    const csv = fs.readFileSync(await download.path(), 'utf8');
    const [header, ...lines] = csv.replace(/^\uFEFF/, '').trim().split(/\r?\n/);
    expect(header).toContain('Référence client');
    expect(header).toContain(';');
    expect(lines).toHaveLength(1);
    expect(lines[0]).toContain(REFERENCE);
  });

  it('adds a product to the client: the cost and what the pool keeps, then a new subscription', async () => {
    const [subscription] = (await partner.list(`/subscriptions?filter=${encodeURIComponent(JSON.stringify({ client_id: client.id }))}`)).rows;
    const products = await server.db.selectFrom('products').select(['id', 'code']).execute();
    const other = products.find((product) => product.id !== subscription.product_id)!;
    const [pool] = (await partner.list(
      `/pools?filter=${encodeURIComponent(JSON.stringify({ holder_type: 'reseller', holder_id: newReseller.id, product_id: other.id }))}`,
    )).rows;

    await page.goto(`${server.url}/#/clients/${client.id}/show`);
    await page.getByRole('button', { name: 'Ajouter un produit' }).click();
    const dialog = page.getByRole('dialog');
    await dialog.getByRole('combobox', { name: 'Produit' }).click();
    await page.getByRole('option', { name: other.code }).click();
    await dialog.getByLabel('Licences utilisateurs').fill('3');
    await dialog.getByLabel('Durée (années)').fill('2');
    await expect.poll(() => dialog.getByTestId('add-product-cost').textContent()).toContain('Coût : 3 × 2 = 6 licences');
    await expect.poll(() => dialog.getByTestId('add-product-cost').textContent()).toContain(
      `Licences restantes après ajout : ${pool.balance - 6}`,
    );
    await dialog.getByRole('button', { name: 'Ajouter' }).click();
    await page.getByText(`Produit ajouté. Licences restantes : ${pool.balance - 6}`).waitFor();
    await page.locator('tbody tr', { hasText: other.code }).waitFor();
    const { rows } = await partner.list(`/subscriptions?filter=${encodeURIComponent(JSON.stringify({ client_id: client.id }))}`);
    expect(rows.map((row) => row.product_id).sort()).toEqual([subscription.product_id, other.id].sort());
    expect(rows.find((row) => row.product_id === other.id)).toMatchObject({ seats: 3, years: 2 });
  });

  it('fits a 1280 px screen with a renewal to undo, Renouveler in view, and a 390 px phone', async () => {
    const [subscription] = (await partner.list(`/subscriptions?filter=${encodeURIComponent(JSON.stringify({ client_id: client.id }))}`)).rows;
    // A renewal puts "Annuler le renouvellement" beside Renouveler: the widest row the page has.
    const renewed = await post(`/subscriptions/${subscription.id}/renew`, { years: 1, seats: subscription.seats });
    expect(renewed.status).toBe(201);

    await page.setViewportSize({ width: 1280, height: 900 });
    await page.reload();
    await page.getByRole('button', { name: 'Annuler le renouvellement' }).waitFor();
    await shot('client-page-1280');
    expect(await overflowsSideways(page)).toBe(false);
    for (const button of await page.getByRole('button', { name: 'Renouveler', exact: true }).all()) {
      const box = (await button.boundingBox())!;
      expect(box.x + box.width).toBeLessThanOrEqual(1280);
    }
    await shot('client-page-1280');

    await page.setViewportSize({ width: 390, height: 844 });
    // The menu, left open on the desktop, would cover the page as a drawer: a phone opens the page with it closed.
    await page.evaluate(() => localStorage.setItem('RaStore.sidebar.open', 'false'));
    await page.reload();
    await page.getByTestId('subscription-card').first().waitFor();
    expect(await overflowsSideways(page)).toBe(false);
    await shot('client-page-390');
    await page.getByRole('button', { name: 'Renouveler', exact: true }).first().waitFor();
    for (const tab of ['Historique des périodes', 'Mouvements de licences']) {
      await page.getByRole('tab', { name: tab }).click();
      await page.locator('tbody tr').first().waitFor();
      expect(await overflowsSideways(page)).toBe(false);
    }
  });
});
