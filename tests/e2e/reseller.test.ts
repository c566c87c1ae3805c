import path from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiAs, ARTIFACTS, browserTestsEnabled, demoLogin, logInThroughPage, startDemoServer, openDemoConsole } from './browser.ts';

const TODAY = '2026-11-26';
const RESELLER = 'Bureautique Lyon';
const enabled = browserTestsEnabled();

/** The reseller's own balance of a product, as the dashboard's pools card shows it. */
async function dashboardBalance(page: Page, productCode: string): Promise<number> {
  const card = page.locator('.MuiCard-root', { hasText: 'Licences restantes par produit' });
  const headers = (await card.locator('thead th').allTextContents()).map((text) => text.trim());
  const column = headers.indexOf(productCode);
  expect(column).toBeGreaterThan(0);
  const row = card.locator('tbody tr', { hasText: RESELLER });
  return Number((await row.locator('td').nth(column).textContent())?.trim());
}

describe.runIf(enabled)('a reseller in Chromium: its own clients only, a renewal from its own pool, logout', () => {
  let server: Awaited<ReturnType<typeof startDemoServer>>;
  let demo: Awaited<ReturnType<typeof openDemoConsole>>;
  let page: Page;
  let reseller: Awaited<ReturnType<typeof apiAs>>;
  let resellerId: number;
  const shot = (name: string) => page.screenshot({ path: path.join(ARTIFACTS, `${name}.png`), fullPage: true });

  beforeAll(async () => {
    demo = await openDemoConsole(TODAY);
    ({ server, page } = demo);
    const row = await server.db.selectFrom('resellers').select('id').where('name', '=', RESELLER).executeTakeFirstOrThrow();
    resellerId = row.id;
    reseller = await apiAs(server.url, 'reseller');
  });
  afterAll(() => demo?.close());

  it('logs in and shows its name, its organisation, and no partner or reseller menus', async () => {
    await logInThroughPage(page, server.url, 'reseller');
    await page.getByText('Nombre de sociétés à renouveler').waitFor();
    await expect.poll(() => page.getByTestId('organisation-label').textContent()).toBe(`${RESELLER} · Revendeur`);
    // The user menu's button shows the login's name, and is named by it.
    await expect.poll(() => page.getByRole('button', { name: demoLogin('reseller').name }).textContent()).toBe(demoLogin('reseller').name);
    const menu = page.locator('.RaSidebar-fixed, .MuiDrawer-root').first();
    await menu.getByRole('menuitem', { name: 'Liste des clients' }).waitFor();
    await menu.getByRole('menuitem', { name: 'Utilisateurs' }).waitFor();
    await menu.getByRole('menuitem', { name: 'Historique des modifications' }).waitFor();
    expect(await menu.getByRole('menuitem', { name: 'Partenaires' }).count()).toBe(0);
    expect(await menu.getByRole('menuitem', { name: 'Revendeurs' }).count()).toBe(0);
    expect(await menu.getByRole('menuitem', { name: 'Journal des accès' }).count()).toBe(0);
  });

  it('lists only the clients of Bureautique Lyon', async () => {
    // The database's count for that reseller, and the API's with the reseller's session, agree.
    const { count } = await server.db
      .selectFrom('clients')
      .select((eb) => eb.fn.countAll<number>().as('count'))
      .where('reseller_id', '=', resellerId)
      .executeTakeFirstOrThrow();
    expect(Number(count)).toBeGreaterThan(0);
    const { total } = await reseller.list('/clients?range=[0,0]');
    expect(total).toBe(Number(count));
    const { total: everyClient } = await (await apiAs(server.url, 'admin')).list('/clients?range=[0,0]');
    expect(everyClient).toBeGreaterThan(total);

    await page.goto(`${server.url}/#/clients`);
    await page.getByText('Légende').waitFor();
    const rows = page.locator('tbody tr');
    await rows.first().waitFor();
    // The list's own total ("1-25 sur N") is the reseller's count, and every row shown is its client.
    await expect.poll(() => page.locator('.MuiTablePagination-displayedRows').textContent()).toMatch(new RegExp(`sur ${count}$`));
    const shown = await rows.count();
    expect(shown).toBe(Math.min(25, Number(count)));
    for (let i = 0; i < shown; i++) await expect.poll(() => rows.nth(i).textContent()).toContain(RESELLER);
    await shot('reseller-clients');
  });

  it('renews one of its clients and sees its own pool decrease by the cost', async () => {
    const [target] = (await reseller.list(`/subscriptions?filter=${encodeURIComponent('{"status":"expiring"}')}&sort=${encodeURIComponent('["seats","ASC"]')}&range=[0,0]`)).rows;
    expect(target.reseller_id).toBe(resellerId);
    const quote = await reseller.get(`/subscriptions/${target.id}/renewal-quote`); // the dialog's defaults
    const pool = await reseller.get(`/pools/${quote.pool_id}`);
    expect(pool).toMatchObject({ holder_type: 'reseller', holder_id: resellerId });
    const product = await reseller.get(`/products/${target.product_id}`);

    await page.goto(server.url);
    await page.getByText('Licences restantes par produit').waitFor();
    await expect.poll(() => dashboardBalance(page, product.code)).toBe(quote.balance);

    await page.goto(`${server.url}/#/to-renew`);
    await page.getByPlaceholder(/Rechercher/).fill(target.client_name);
    // A client has a row per subscription to renew: the one of the target's product.
    const row = page.locator('tbody tr', { hasText: target.client_name }).filter({ hasText: product.code }).first();
    await row.waitFor();
    expect(await row.textContent()).toContain(RESELLER);
    await row.getByRole('button', { name: 'Renouveler' }).first().click();
    const dialog = page.getByRole('dialog');
    await expect.poll(() => dialog.getByTestId('renew-balance').textContent()).toBe(`Stock de ${RESELLER} : ${quote.balance} licences`);
    await expect.poll(() => dialog.getByTestId('renew-remaining').textContent()).toContain(String(quote.remaining_after));
    await dialog.getByRole('button', { name: 'OK' }).click();
    await page.getByText(/Abonnement renouvelé jusqu’au/).waitFor();
    await row.getByTestId('renewed-check').waitFor();

    expect((await reseller.get(`/pools/${quote.pool_id}`)).balance).toBe(quote.remaining_after);
    await page.goto(server.url);
    await page.getByText('Licences restantes par produit').waitFor();
    await expect.poll(() => dashboardBalance(page, product.code)).toBe(quote.remaining_after);
  });

  it('logs out from the user menu: back on the login page, and the session is closed', async () => {
    await page.getByRole('button', { name: demoLogin('reseller').name }).click();
    await page.getByRole('menuitem', { name: 'Mon compte' }).waitFor();
    await page.getByRole('menuitem', { name: 'Déconnexion' }).click();
    await page.waitForURL(/#\/login/);
    await page.getByRole('button', { name: 'Se connecter' }).waitFor();
    const me = await page.evaluate(async () => (await fetch('/api/auth/me')).status);
    expect(me).toBe(401);
    await page.goto(`${server.url}/#/clients`);
    await page.waitForURL(/#\/login/);
  });
});
