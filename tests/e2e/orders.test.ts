import fs from 'node:fs';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedBilling } from '../../server/src/seed/billing.ts';
import { ARTIFACTS, browserTestsEnabled, launchChromium, logInThroughPage, seriousViolations, startDemoServer } from './browser.ts';

const TODAY = '2026-12-03';
const enabled = browserTestsEnabled();

describe.runIf(enabled)('orders in the console', () => {
  let server: Awaited<ReturnType<typeof startDemoServer>>;
  let browser: Browser;

  beforeAll(async () => {
    server = await startDemoServer(TODAY);
    await seedBilling(server.db, { today: TODAY, now: `${TODAY}T08:00:00.000Z` });
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  const newPage = async (width = 1280) => (await browser.newContext({ viewport: { width, height: 900 }, locale: 'fr-FR' })).newPage();
  const shot = (page: Page, name: string) => page.screenshot({ path: path.join(ARTIFACTS, `${name}.png`), fullPage: true });

  /** The demo reseller's TBox pool balance (Bureautique Lyon). */
  const resellerTBox = async () => {
    const row = await server.db
      .selectFrom('pools')
      .innerJoin('products', 'products.id', 'pools.product_id')
      .innerJoin('resellers', 'resellers.id', 'pools.reseller_id')
      .select('pools.balance')
      .where('products.code', '=', 'TBox')
      .where('resellers.name', '=', 'Bureautique Lyon')
      .executeTakeFirst();
    return row?.balance ?? 0;
  };

  // first: the next test's delivery fills the demo reseller's short TBox pool
  it('the dashboard forecasts a shortfall and the pages fit a phone (390 px) and pass axe-core', async () => {
    const page = await newPage(390);
    await logInThroughPage(page, server.url, 'reseller');
    await page.getByText('Prévision de stock').waitFor();
    await page.getByText(/Manque \d+ licences?/).first().waitFor();
    await shot(page, 'dashboard-forecast-390');
    expect(await seriousViolations(page)).toEqual([]);
    for (const resource of ['orders', 'invoices']) {
      await page.goto(`${server.url}/#/${resource}`);
      await page.locator('.MuiListItem-root, .MuiListItemButton-root').first().waitFor();
      expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
      await shot(page, `${resource}-390`);
      expect(await seriousViolations(page)).toEqual([]);
    }
    await page.context().close();
  });

  it('a reseller orders 50 TBox, its partner accepts, the pool grows by 50, the invoice appears in Factures and its PDF downloads', async () => {
    const before = await resellerTBox();
    const reseller = await newPage();
    await logInThroughPage(reseller, server.url, 'reseller');
    await reseller.goto(`${server.url}/#/orders`);
    await reseller.getByRole('button', { name: 'Nouvelle commande' }).click();
    const dialog = reseller.getByRole('dialog', { name: 'Nouvelle commande' });
    await dialog.getByRole('combobox', { name: 'Produit' }).click();
    await reseller.getByRole('option', { name: 'TBox', exact: true }).click();
    await dialog.getByLabel(/Quantité/).fill('50');
    await expect.poll(() => dialog.getByTestId('order-totals').textContent()).toMatch(/Total TTC.*€/);
    await shot(reseller, 'orders-new-dialog-1280');
    await dialog.getByRole('button', { name: 'Commander' }).click();
    const sent = reseller.getByText(/Commande n° \d+ envoyée/);
    const orderId = Number(/\d+/.exec((await sent.textContent()) ?? '')?.[0]);
    // newest first, waiting for its supplier
    await expect.poll(() => reseller.locator('tbody tr').first().textContent()).toMatch(new RegExp(`^${orderId}.*En attente`));
    expect(await resellerTBox()).toBe(before);

    const partner = await newPage();
    await logInThroughPage(partner, server.url, 'partner');
    await partner.goto(`${server.url}/#/orders`);
    const row = partner.locator('tbody tr').first();
    await expect.poll(() => row.textContent()).toMatch(new RegExp(`^${orderId}.*En attenteBureautique Lyon`));
    await shot(partner, 'orders-partner-1280');
    expect(await seriousViolations(partner)).toEqual([]);
    await row.getByRole('button', { name: 'Accepter' }).click();
    await partner.getByRole('dialog').getByRole('button', { name: 'Accepter et livrer' }).click();
    await partner.getByText(`Commande n° ${orderId} livrée et facturée`).waitFor();
    expect(await resellerTBox()).toBe(before + 50);

    await reseller.goto(`${server.url}/#/invoices`);
    const invoice = reseller.locator('tbody tr').first();
    await expect.poll(() => invoice.textContent()).toMatch(/^2026-\d{6}Facture/);
    await expect.poll(() => invoice.textContent()).toContain('Alliance');
    await shot(reseller, 'invoices-reseller-1280');
    expect(await seriousViolations(reseller)).toEqual([]);
    // the invoice PDF (Factur-X) downloads from its row
    const download = reseller.waitForEvent('download');
    await invoice.getByRole('link', { name: /^PDF de la facture 2026-\d{6}$/ }).click();
    const pdf = await download;
    expect(pdf.suggestedFilename()).toMatch(/^facture-2026-\d{6}\.pdf$/);
    expect(fs.readFileSync((await pdf.path())!).subarray(0, 5).toString()).toBe('%PDF-');
    await reseller.context().close();
    await partner.context().close();
  });

  it('the publisher’s Tarifs page lists the prices with their history and passes axe-core', async () => {
    const page = await newPage();
    await logInThroughPage(page, server.url, 'admin');
    await page.goto(`${server.url}/#/prices`);
    // newest first: TBox's price to come, then today's, then last year's (beside TSend's)
    await expect.poll(() => page.locator('tbody tr').allTextContents()).toEqual([
      expect.stringMatching(/^TBox52,00\s€03\/02\/2027$/),
      expect.stringMatching(/^TBox48,00\s€03\/10\/2026$/),
      expect.stringMatching(/^TSend19,90\s€03\/12\/2025$/),
      expect.stringMatching(/^TBox45,00\s€03\/12\/2025$/),
    ]);
    await shot(page, 'prices-1280');
    expect(await seriousViolations(page)).toEqual([]);
    await page.goto(`${server.url}/#/prices/create`);
    // checked as it opens, like the other forms (accessibility.test.ts): the save button is still fading in after a first keystroke
    await page.getByLabel('Prix HT par licence-année').waitFor();
    expect(await seriousViolations(page)).toEqual([]);
    await page.getByLabel('Prix HT par licence-année').fill('49,5');
    await page.getByRole('button', { name: 'Enregistrer' }).click();
    await expect.poll(() => page.getByText('Ce champ est requis').count()).toBe(2); // the product and the date
    await shot(page, 'price-create-1280');
    await page.context().close();
  });
});
