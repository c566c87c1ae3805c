import path from 'node:path';
import type { BrowserContext, Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiAs, ARTIFACTS, browserTestsEnabled, logInThroughPage, openDemoConsole, seriousViolations as axeViolations, startDemoServer } from './browser.ts';

const TODAY = '2026-11-26';
const enabled = browserTestsEnabled();

/** A calendar date as the French console shows it. */
const fr = (iso: string) => iso.split('-').reverse().join('/');
const filterQuery = (filter: object, range = '[0,99]') =>
  `filter=${encodeURIComponent(JSON.stringify(filter))}&sort=${encodeURIComponent('["end_date","ASC"]')}&range=${range}`;

describe.runIf(enabled)('renewing from "Clients à renouveler" in Chromium (demo data)', () => {
  let server: Awaited<ReturnType<typeof startDemoServer>>;
  let demo: Awaited<ReturnType<typeof openDemoConsole>>;
  let desktop: BrowserContext;
  let page: Page;
  let admin: Awaited<ReturnType<typeof apiAs>>;
  const shot = (target: Page, name: string, fullPage = true) =>
    target.screenshot({ path: path.join(ARTIFACTS, `${name}.png`), fullPage });
  const codeOf = async (productId: number) => (await admin.get(`/products/${productId}`)).code as string;

  /**
   * The serious or critical accessibility violations axe-core finds in `include` (the page's content,
   * or a dialog). Left out: react-admin's row checkbox (`.select-item`), which puts its aria-label on
   * MUI's span instead of the input (upstream, in SelectRowCheckbox).
   */
  const seriousViolations = (target: Page, include = '#main-content') => axeViolations(target, { include, exclude: '.select-item' });

  /** Subscriptions to renew whose pool can pay their renewal at the quoted defaults (latest term). */
  async function renewable(filter: object, wanted: number) {
    const { rows } = await admin.list(`/subscriptions?${filterQuery({ to_renew: true, ...filter })}`);
    const found = [];
    for (const row of rows) {
      const quote = await admin.get(`/subscriptions/${row.id}/renewal-quote`);
      // room for this renewal and a few more years of it (the bulk test lengthens one)
      if (quote.remaining_after >= 3 * quote.cost && !quote.already_renewed) found.push({ row, quote });
      if (found.length === wanted) break;
    }
    return found;
  }

  /** The to-renew list without the filters a previous test left in the console's store. */
  const openToRenew = (target: Page) =>
    target.goto(`${server.url}/#/to-renew?filter=${encodeURIComponent('{}')}&displayedFilters=${encodeURIComponent('{}')}`);

  /**
   * Types a client's name in the search box and waits until the list shows that client's lines only.
   * The search is debounced, then fetched: until its answer comes, the unfiltered page is still shown,
   * where the targets (the soonest ends) already are. A renewal made there would be undone on screen
   * by the late answer: the server no longer lists the renewed line as to renew, so its row or card
   * (and a dialog it had open) disappears.
   */
  async function searchClient(target: Page, lines: Locator, clientName: string) {
    await target.getByPlaceholder(/Rechercher/).fill(clientName);
    await lines.filter({ hasNotText: clientName }).first().waitFor({ state: 'detached' });
  }

  /** The to-renew list narrowed to one client by the search box; its row of that product. */
  async function rowOf(target: Page, clientName: string, productCode: string) {
    await searchClient(target, target.locator('tbody tr'), clientName);
    const row = target.locator('tbody tr', { hasText: clientName }).filter({ hasText: productCode }).first();
    await row.waitFor();
    return row;
  }

  beforeAll(async () => {
    demo = await openDemoConsole(TODAY);
    server = demo.server;
    admin = await apiAs(server.url, 'admin');
    // pages of a context of their own: axe-core's builder needs one
    desktop = await demo.page.context().browser()!.newContext({ viewport: { width: 1280, height: 900 }, locale: 'fr-FR' });
    page = await desktop.newPage();
    await logInThroughPage(page, server.url, 'admin');
  });
  afterAll(async () => {
    await desktop?.close();
    await demo?.close();
  });

  it("renews one subscription: the message gives the NEW term's end; the row keeps its place with check and undo", async () => {
    const [{ row: target, quote }] = await renewable({ status: 'expiring' }, 1);
    const code = await codeOf(target.product_id);
    await openToRenew(page);
    await page.locator('tbody tr').first().waitFor();
    await shot(page, 'to-renew-1280');
    expect(await seriousViolations(page)).toEqual([]);
    const row = await rowOf(page, target.client_name, code);
    const columnWidths = () => page.locator('thead th').evaluateAll((cells) => cells.map((cell) => cell.getBoundingClientRect().width));
    const widthsBefore = await columnWidths();
    await row.getByRole('button', { name: 'Renouveler', exact: true }).click();
    const dialog = page.getByRole('dialog');
    await dialog.getByRole('heading', { name: `Renouveler ${code} — ${target.client_name}` }).waitFor();
    // the defaults are the quote's (latest term), the figures the server's
    await expect.poll(() => dialog.getByLabel("Nombre d'années").inputValue()).toBe(String(quote.years));
    expect(await dialog.getByLabel('Licences utilisateurs').inputValue()).toBe(String(quote.seats));
    await expect.poll(() => dialog.getByTestId('renew-remaining').textContent()).toContain(String(quote.remaining_after));
    expect(await dialog.getByTestId('renew-period').textContent()).toContain(fr(quote.end_date));
    await dialog.getByRole('button', { name: 'OK' }).click();
    await page.getByText(`Abonnement renouvelé jusqu’au ${fr(quote.end_date)}`, { exact: false }).waitFor();
    expect(fr(quote.end_date)).not.toBe(fr(target.end_date));

    // not reloaded: the same row, now with its green check and its undo button
    await row.getByTestId('renewed-check').waitFor();
    await row.getByRole('button', { name: 'Annuler le renouvellement' }).waitFor();
    expect(await columnWidths()).toEqual(widthsBefore); // nothing jumped
    await shot(page, 'to-renew-renewed-row', false);
    expect((await admin.get(`/subscriptions/${target.id}`)).end_date).toBe(target.end_date); // still the current term shown

    // Renouveler again: "Déjà renouvelé jusqu'au …" and an explicit confirmation before OK
    await row.getByRole('button', { name: 'Renouveler', exact: true }).click();
    const again = page.getByRole('dialog');
    const warning = again.getByTestId('renew-already');
    await warning.waitFor();
    expect(await warning.textContent()).toContain(`Déjà renouvelé jusqu’au ${fr(quote.end_date)}`);
    const ok = again.getByRole('button', { name: 'OK' });
    expect(await ok.isDisabled()).toBe(true);
    await shot(page, 'renew-dialog-already-renewed', false);
    expect(await seriousViolations(page, '[role="dialog"]')).toEqual([]);
    await warning.getByRole('checkbox', { name: 'Je confirme ce nouveau renouvellement' }).check();
    await expect.poll(() => ok.isDisabled()).toBe(false);
    await again.getByRole('button', { name: 'Annuler' }).click();
    await again.waitFor({ state: 'detached' });

    // "Renouvelés ce mois-ci" lists it
    await page.getByRole('tab', { name: 'Renouvelés ce mois-ci' }).click();
    await page.locator('tbody tr', { hasText: target.client_name }).filter({ hasText: code }).first().waitFor();
    await page.getByRole('tab', { name: 'À renouveler' }).click();
  });

  it('filters by status and by product narrow the list', async () => {
    await openToRenew(page);
    await page.getByPlaceholder(/Rechercher/).fill('');
    const rows = page.locator('tbody tr');
    await rows.first().waitFor();
    const pagination = page.locator('.MuiTablePagination-displayedRows');
    const { total: all } = await admin.list(`/subscriptions?${filterQuery({ to_renew: true }, '[0,0]')}`);
    await expect.poll(() => pagination.textContent()).toMatch(new RegExp(`sur ${all}$`));

    await page.getByRole('combobox', { name: 'Statut' }).click();
    await page.getByRole('option', { name: 'Expiré' }).click();
    const { total: expired } = await admin.list(`/subscriptions?${filterQuery({ to_renew: true, status: 'expired' }, '[0,0]')}`);
    expect(expired).toBeGreaterThan(0);
    expect(expired).toBeLessThan(all);
    await expect.poll(() => pagination.textContent()).toMatch(new RegExp(`sur ${expired}$`));
    // every row in the red of "Expiré"
    await expect
      .poll(() => rows.evaluateAll((all) => [...new Set(all.map((row) => getComputedStyle(row).borderLeftColor))]))
      .toEqual(['rgb(211, 47, 47)']);

    const { rows: products } = await admin.list('/products?range=[0,99]');
    const product = products[products.length - 1];
    await page.getByRole('combobox', { name: 'Produit' }).click();
    await page.getByRole('option', { name: product.code, exact: true }).click();
    const { total: narrowed } = await admin.list(
      `/subscriptions?${filterQuery({ to_renew: true, status: 'expired', product_id: product.id }, '[0,0]')}`,
    );
    expect(narrowed).toBeLessThan(expired);
    if (narrowed === 0) {
      await page.getByText('Aucun abonnement à renouveler').waitFor();
    } else {
      await expect.poll(() => pagination.textContent()).toMatch(new RegExp(`sur ${narrowed}$`));
      for (const text of await rows.allTextContents()) expect(text).toContain(product.code);
    }
  });

  it('bulk-renews two lines with different years each; the rows stay with check and undo', async () => {
    const candidates = await renewable({ status: 'expiring' }, 2);
    // two subscriptions of the same pool that can pay 2 + own years together
    const [first, second] = candidates.slice(0, 2);
    expect(second).toBeDefined();
    await openToRenew(page);
    const rows = page.locator('tbody tr');
    for (const { row: sub } of [first, second]) {
      const code = await codeOf(sub.product_id);
      await searchClient(page, rows, sub.client_name);
      await rows.filter({ hasText: sub.client_name }).filter({ hasText: code }).first().getByRole('checkbox').check();
    }
    await page.getByRole('button', { name: 'Renouveler la sélection' }).click();
    const dialog = page.getByRole('dialog');
    await dialog.getByText('Renouveler 2 abonnements').waitFor();
    const firstCode = await codeOf(first.row.product_id);
    const firstYears = dialog.getByLabel(`Années de renouvellement de ${firstCode} — ${first.row.client_name}`);
    const secondCode = await codeOf(second.row.product_id);
    const secondYears = dialog.getByLabel(`Années de renouvellement de ${secondCode} — ${second.row.client_name}`);
    // each line from its own subscription's years
    await expect.poll(() => firstYears.inputValue()).toBe(String(first.quote.years));
    expect(await secondYears.inputValue()).toBe(String(second.quote.years));
    const wanted = first.quote.years === 1 ? 2 : 1;
    await firstYears.fill(String(wanted));
    await expect.poll(() => dialog.getByTestId('bulk-lines').getAttribute('aria-busy')).toBe('false');
    const quote = await admin.get(
      `/subscriptions/bulk-renewal-quote?lines=${first.row.id}:${wanted},${second.row.id}:${second.quote.years}`,
    );
    for (const pool of quote.pools) {
      await expect.poll(() => dialog.getByTestId('bulk-pools').textContent()).toContain(String(pool.remaining_after));
    }
    await dialog.getByRole('button', { name: 'Renouveler', exact: true }).click();
    expect(await seriousViolations(page, '[role="dialog"]')).toEqual([]);
    const results = dialog.getByTestId('bulk-results');
    await results.waitFor();
    const lines = results.getByRole('listitem');
    await expect.poll(() => lines.count()).toBe(2);
    for (const [{ row: sub }, code, years] of [
      [first, firstCode, wanted],
      [second, secondCode, second.quote.years],
    ] as const) {
      const line = lines.filter({ hasText: `${code} — ${sub.client_name}` });
      expect(await line.getAttribute('data-status')).toBe('renewed');
      const { rows: terms } = await admin.list(
        `/terms?filter=${encodeURIComponent(JSON.stringify({ subscription_id: sub.id }))}&sort=${encodeURIComponent('["start_date","DESC"]')}&range=[0,0]`,
      );
      expect(terms[0].years).toBe(years);
      expect(await line.textContent()).toContain(`Renouvelé jusqu’au ${fr(terms[0].end_date)}`);
    }
    await dialog.getByRole('button', { name: 'Fermer' }).click();
    await dialog.waitFor({ state: 'detached' });
    // the second one is still on screen (the search shows it): in place, checked, undoable
    const kept = rows.filter({ hasText: second.row.client_name }).filter({ hasText: secondCode }).first();
    await kept.getByTestId('renewed-check').waitFor();
    await kept.getByRole('button', { name: 'Annuler le renouvellement' }).waitFor();
  });

  it('a seat change is its own entry of the renewal history, in French', async () => {
    const [{ row: target }] = await renewable({ status: 'expiring' }, 1);
    const code = await codeOf(target.product_id);
    await openToRenew(page);
    const row = await rowOf(page, target.client_name, code);
    await row.getByRole('button', { name: 'Autres actions' }).click();
    await page.getByRole('menuitem', { name: 'Modifier les licences' }).click();
    const dialog = page.getByRole('dialog');
    await dialog.getByLabel('Nouveau nombre de licences utilisateurs').fill(String(target.seats + 1));
    await expect.poll(() => dialog.getByRole('button', { name: 'OK' }).isDisabled()).toBe(false);
    await dialog.getByRole('button', { name: 'OK' }).click();
    await dialog.waitFor({ state: 'detached' });

    await row.getByRole('button', { name: 'Autres actions' }).click();
    await page.getByRole('menuitem', { name: 'Historique des renouvellements' }).click();
    const history = page.getByRole('dialog').getByTestId('renewal-history');
    const change = history.locator('tr[data-kind="seat_change"]');
    await change.waitFor();
    expect(await change.textContent()).toContain('Changement de licences');
    expect(await change.textContent()).toContain(`${target.seats} → ${target.seats + 1}`);
    expect(await change.textContent()).toContain('Camille Admin');
    // the term before it keeps the seats it was paid for
    const creation = history.locator('tr[data-kind="creation"]').last();
    expect(await creation.textContent()).toContain(String(target.seats));
    expect(await history.textContent()).not.toMatch(/seat_change|seats|seed|auto-renewal/);
    await page.getByRole('menu').waitFor({ state: 'hidden' }); // the ⋮ menu has faded out
    await shot(page, 'renewal-history', false);
    expect(await seriousViolations(page, '[role="dialog"]')).toEqual([]);
    await page.getByRole('dialog').getByRole('button', { name: 'Fermer' }).click();
  });

  it('renews an expired one on a 390 px phone; a second click warns it is already renewed', async () => {
    const phoneContext = await page.context().browser()!.newContext({ viewport: { width: 390, height: 844 }, locale: 'fr-FR' });
    const phone = await phoneContext.newPage();
    try {
      await logInThroughPage(phone, server.url, 'admin');
      const [{ row: target, quote }] = await renewable({ status: 'expired' }, 1);
      const code = await codeOf(target.product_id);
      await openToRenew(phone);
      await phone.getByTestId('to-renew-card').first().waitFor();
      // nothing wider than the phone
      expect(await phone.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
      const first = phone.getByTestId('to-renew-card').first();
      await first.getByRole('button', { name: 'Renouveler', exact: true }).waitFor();
      await shot(phone, 'to-renew-390');
      expect(await seriousViolations(phone)).toEqual([]);
      // the rows start on the first screen: of the filters, only the search is shown, the others are one tap away
      expect(await phone.getByRole('combobox', { name: 'Statut' }).count()).toBe(0);
      await phone.getByRole('button', { name: 'Ajouter un filtre' }).click();
      await phone.getByRole('menuitemcheckbox', { name: 'Statut' }).click();
      await phone.getByRole('combobox', { name: 'Statut' }).waitFor();
      await searchClient(phone, phone.getByTestId('to-renew-card'), target.client_name);
      const card = phone.getByTestId('to-renew-card').filter({ hasText: target.client_name }).filter({ hasText: code }).first();
      await card.waitFor();
      expect(await card.textContent()).toContain(fr(target.end_date));
      expect(await card.textContent()).toContain('Expiré');
      await card.getByRole('button', { name: 'Renouveler', exact: true }).click();
      const dialog = phone.getByRole('dialog');
      await dialog.getByRole('heading', { name: `Renouveler ${code} — ${target.client_name}` }).waitFor();
      // full screen: the labels are whole
      const box = await dialog.boundingBox();
      expect(box?.width).toBeLessThanOrEqual(390);
      for (const label of ["Nombre d'années", 'Licences utilisateurs']) {
        const truncated = await dialog
          .locator('label', { hasText: label })
          .first()
          .evaluate((element) => element.scrollWidth > element.clientWidth);
        expect(truncated).toBe(false);
      }
      await shot(phone, 'renew-dialog-390', false);
      await dialog.getByRole('button', { name: 'OK' }).click();
      await phone.getByText(`Abonnement renouvelé jusqu’au ${fr(quote.end_date)}`, { exact: false }).waitFor();
      await card.getByTestId('renewed-check').waitFor();
      // The first dialog has finished closing (under load its exit transition can outlast the check).
      await phone.getByRole('dialog').waitFor({ state: 'detached' });
      // an expired one restarts today: a second click must not charge the client again unasked
      await card.getByRole('button', { name: 'Renouveler', exact: true }).click();
      const again = phone.getByRole('dialog').getByTestId('renew-already');
      await again.waitFor();
      expect(await again.textContent()).toContain(`Déjà renouvelé jusqu’au ${fr(quote.end_date)}`);
      expect(await phone.getByRole('dialog').getByRole('button', { name: 'OK' }).isDisabled()).toBe(true);
    } finally {
      await phoneContext.close();
    }
  });
});
