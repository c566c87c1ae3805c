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

  it('the issuer credits an invoice in Factures: the credit note appears with its own number and the buyer’s pool goes down', async () => {
    const partner = await newPage();
    await logInThroughPage(partner, server.url, 'partner');
    await partner.goto(`${server.url}/#/invoices`);
    // the newest invoice to Bureautique Lyon not credited yet (the previous test's delivery)
    const row = partner.locator('tbody tr', { hasText: 'Bureautique Lyon', has: partner.getByRole('button', { name: 'Émettre un avoir' }) }).first();
    const number = /2026-\d{6}/.exec((await row.textContent()) ?? '')![0];
    const credited = await server.db
      .selectFrom('invoices')
      .innerJoin('invoice_lines', 'invoice_lines.invoice_id', 'invoices.id')
      .innerJoin('products', 'products.id', 'invoice_lines.product_id')
      .select('invoice_lines.quantity')
      .where('invoices.number', '=', number)
      .where('invoices.kind', '=', 'invoice')
      .where('invoices.issuer_type', '=', 'partner')
      .where('products.code', '=', 'TBox')
      .executeTakeFirstOrThrow();
    const before = await resellerTBox();

    await row.getByRole('button', { name: 'Émettre un avoir' }).click();
    const dialog = partner.getByRole('dialog', { name: `Avoir sur la facture ${number}` });
    expect(await seriousViolations(partner)).toEqual([]);
    await dialog.getByRole('button', { name: 'Émettre l’avoir' }).click();
    const done = partner.getByText(/^Avoir 2026-\d{6} émis$/);
    const creditNumber = /2026-\d{6}/.exec((await done.textContent()) ?? '')![0];
    // its own sequence: the credit note's number is not the invoice's
    expect(creditNumber).not.toBe(number);
    const newest = partner.locator('tbody tr').first();
    await expect.poll(() => newest.textContent()).toMatch(new RegExp(`^${creditNumber}Avoir.*Bureautique Lyon`));
    await expect.poll(() => partner.locator('tbody tr', { hasText: number }).first().textContent()).toContain('Avoir émis');
    expect(await resellerTBox()).toBe(before - credited.quantity);
    await shot(partner, 'invoices-credit-note-1280');
    await partner.context().close();
  });

  it('Factures reads in English for a login that chose English', async () => {
    const page = await newPage();
    await logInThroughPage(page, server.url, 'partner');
    await page.getByRole('button', { name: 'Français' }).click();
    await page.getByRole('menuitem', { name: 'English' }).click();
    await page.goto(`${server.url}/#/invoices`);
    await page.locator('tbody tr').first().waitFor();
    const headers = await page.locator('thead th').allTextContents();
    expect(headers).toEqual(expect.arrayContaining(['Number', 'Kind', 'Buyer', 'Issued on', 'Due on', 'Total excl. VAT', 'Total incl. VAT']));
    await expect.poll(() => page.locator('tbody').textContent()).toMatch(/Credit note/);
    expect(await page.locator('tbody').textContent()).not.toMatch(/Facture|Avoir/);
    expect(await page.getByRole('button', { name: 'Issue a credit note' }).count()).toBeGreaterThan(0);
    await shot(page, 'invoices-en-1280');
    expect(await seriousViolations(page)).toEqual([]);
    await page.context().close();
  });

  it('the publisher’s Tarifs page lists the prices with their history and passes axe-core', async () => {
    const page = await newPage();
    await logInThroughPage(page, server.url, 'admin');
    await page.goto(`${server.url}/#/prices`);
    // newest first: TBox's price to come (the only one still editable), then today's, then last year's (beside TSend's)
    await expect.poll(() => page.locator('tbody tr').allTextContents()).toEqual([
      expect.stringMatching(/^TBox52,00\s€03\/02\/2027ÉditerSupprimer$/),
      expect.stringMatching(/^TBox48,00\s€03\/10\/2026$/),
      expect.stringMatching(/^TSend19,90\s€03\/12\/2025$/),
      expect.stringMatching(/^TBox45,00\s€03\/12\/2025$/),
    ]);
    // the publisher's identity, printed on its invoices, below the list
    await expect.poll(() => page.getByRole('region', { name: 'Émetteur des factures' }).getByLabel('Raison sociale').inputValue()).toBe('Cascade Éditions SAS');
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
