import path from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiAs, ARTIFACTS, browserTestsEnabled, logInThroughPage, startDemoServer, openDemoConsole } from './browser.ts';

const TODAY = '2026-11-26';
const enabled = browserTestsEnabled();

describe.runIf(enabled)('the console in Chromium (demo data)', () => {
  let server: Awaited<ReturnType<typeof startDemoServer>>;
  let demo: Awaited<ReturnType<typeof openDemoConsole>>;
  let page: Page;
  // The admin sees every organisation: the renewed client may belong to any of them.
  let admin: Awaited<ReturnType<typeof apiAs>>;
  const api = (url: string) => admin.get(url);
  const shot = (name: string) => page.screenshot({ path: path.join(ARTIFACTS, `${name}.png`), fullPage: true });

  beforeAll(async () => {
    demo = await openDemoConsole(TODAY);
    ({ server, page } = demo);
    admin = await apiAs(server.url, 'admin');
  });
  afterAll(() => demo?.close());

  it('opens on the dashboard in French with the number of companies to renew', async () => {
    const dashboard = await api('/dashboard');
    // Without a session the console opens on its login page.
    await page.goto(server.url);
    await page.waitForURL(/#\/login/);
    await page.getByRole('button', { name: 'Se connecter' }).waitFor();
    await shot('login');
    await logInThroughPage(page, server.url, 'admin');
    await expect.poll(() => page.getByText('Nombre de sociétés à renouveler').count()).toBe(1);
    await expect.poll(() => page.getByTestId('clients-to-renew').textContent()).toBe(String(dashboard.clients_to_renew));
    await page.getByText('Échéances des 12 prochains mois').waitFor();
    await page.locator('.recharts-bar-rectangle').first().waitFor();
    await page.waitForTimeout(1500); // let the bars finish growing before the picture
    await shot('dashboard');
  });

  it('Voir opens the clients to renew; renewing one for 2 years turns it green and takes seats × 2 from the pool', async () => {
    await page.getByRole('link', { name: 'Voir' }).click();
    await page.waitForURL(/#\/to-renew/);
    await page.getByRole('button', { name: 'Renouveler' }).first().waitFor();
    expect(await page.locator('thead').textContent()).toMatch(/Nom client.*Abonnement.*Nom revendeur.*Date de\s*début.*Date de\s*fin.*Durée.*À\s*renouveler/);

    // The expiring subscription with the most seats, found through the list's own search.
    const [target] = await api(`/subscriptions?filter=${encodeURIComponent('{"status":"expiring"}')}&sort=${encodeURIComponent('["seats","DESC"]')}&range=[0,0]`);
    expect(target.seats).toBeGreaterThan(1);
    const quoteBefore = await api(`/subscriptions/${target.id}/renewal-quote?years=2&seats=${target.seats}`);
    await page.getByPlaceholder(/Rechercher/).fill(target.client_name);
    const row = page.locator('tbody tr', { hasText: target.client_name }).first();
    await row.waitFor();
    await row.getByRole('button', { name: 'Renouveler' }).first().click();

    const dialog = page.getByRole('dialog');
    await expect.poll(() => dialog.getByTestId('renew-balance').textContent()).toContain(`: ${quoteBefore.balance} licences`);
    await dialog.getByLabel("Nombre d'années").fill('2');
    const seatsField = dialog.getByLabel('Licences utilisateurs');
    await seatsField.fill(String(target.seats));
    await expect
      .poll(() => dialog.getByTestId('renew-remaining').textContent())
      .toBe(`Restantes après renouvellement : ${quoteBefore.balance - target.seats * 2}`);
    await shot('renew-dialog');
    await dialog.getByRole('button', { name: 'OK' }).click();
    await page.getByText(/Abonnement renouvelé jusqu’au/).waitFor();
    // The row turns green-check at once, without a reload.
    await row.getByTestId('renewed-check').waitFor();

    // The server agrees: the pool lost exactly seats × 2, and the subscription is renewed.
    const pool = await api(`/pools/${quoteBefore.pool_id}`);
    expect(pool.balance).toBe(quoteBefore.balance - target.seats * 2);
    const renewed = await api(`/subscriptions/${target.id}`);
    expect(renewed.status).toBe('renewed');
    expect(renewed.end_date).toBe(target.end_date);

    // On the client's page the subscription is green with its current end date (dd/mm/yyyy).
    await page.goto(`${server.url}/#/clients/${target.client_id}/show`);
    const [y, m, d] = target.end_date.split('-');
    const subscriptionRow = page.locator('tbody tr', { hasText: 'Renouvelé' }).first();
    await subscriptionRow.waitFor();
    expect(await subscriptionRow.textContent()).toContain(`${d}/${m}/${y}`);
    expect(await subscriptionRow.evaluate((el) => getComputedStyle(el).borderLeftColor)).toBe('rgb(46, 125, 50)');
  });

  it('shows the colour-coded client list with its legend', async () => {
    await page.goto(`${server.url}/#/clients`);
    await page.getByText('Légende').waitFor();
    await page.locator('tbody tr').first().waitFor();
    await shot('clients');
  });

  it('switches to English from the app bar', async () => {
    await page.goto(server.url);
    await page.getByText('Nombre de sociétés à renouveler').waitFor();
    await page.getByRole('button', { name: 'Français' }).click();
    await page.getByRole('menuitem', { name: 'English' }).click();
    await page.getByText('Companies to renew').waitFor();
    expect(await page.getByText('Nombre de sociétés à renouveler').count()).toBe(0);
  });
});
