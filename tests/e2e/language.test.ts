import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiAs, browserTestsEnabled, demoLogin, logInThroughPage, openDemoConsole, startDemoServer } from './browser.ts';

const TODAY = '2026-12-03';
const enabled = browserTestsEnabled();

describe.runIf(enabled)("the console's language in Chromium: saved with the login, dates as the language writes them", () => {
  let server: Awaited<ReturnType<typeof startDemoServer>>;
  let demo: Awaited<ReturnType<typeof openDemoConsole>>;
  let page: Page;

  beforeAll(async () => {
    demo = await openDemoConsole(TODAY);
    ({ server, page } = demo);
    await logInThroughPage(page, server.url, 'reseller');
  });
  afterAll(() => demo?.close());

  it('switches to English: dates read "2 Dec 2026", never ISO, and the choice is saved on the server', async () => {
    await page.getByText('Nombre de sociétés à renouveler').waitFor();
    await page.getByRole('button', { name: 'Français' }).click();
    await page.getByRole('menuitem', { name: 'English' }).click();
    await page.getByText('Companies to renew').waitFor();
    await expect.poll(async () => (await (await apiAs(server.url, 'reseller')).get('/auth/me')).locale).toBe('en');

    await page.goto(`${server.url}/#/clients`);
    const endDates = page.locator('tbody td.column-end_date');
    await endDates.first().waitFor();
    for (const text of await endDates.allTextContents()) expect(text).toMatch(/^\d{1,2} [A-Z][a-z]{2} \d{4}$/);
    expect(await page.locator('tbody').textContent()).not.toMatch(/\d{4}-\d{2}-\d{2}/);

    // A date is typed day first whatever the browser: the console's own dd/mm/yyyy.
    await page.goto(`${server.url}/#/clients/create`);
    await expect.poll(() => page.getByLabel('Start date').inputValue()).toMatch(/^\d{2}\/\d{2}\/\d{4}$/);
    expect(await page.getByLabel('Start date').getAttribute('type')).toBe('text');
  });

  it('opens in English at the next login, from another browser that would start in French', async () => {
    await page.getByRole('button', { name: demoLogin('reseller').name }).click();
    await page.getByRole('menuitem', { name: 'Logout' }).click();
    await page.waitForURL(/#\/login/);
    // A fresh browser: no language remembered on this side.
    await page.evaluate(() => localStorage.clear());
    await page.reload();
    await logInThroughPage(page, server.url, 'reseller');
    await page.getByText('Companies to renew').waitFor();
    expect(await page.getByText('Nombre de sociétés à renouveler').count()).toBe(0);
  });
});
