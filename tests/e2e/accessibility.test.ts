import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { browserTestsEnabled, launchChromium, logInThroughPage, seriousViolations, startDemoServer } from './browser.ts';

const TODAY = '2026-12-03';
const enabled = browserTestsEnabled();

/** A page of the console and what shows it has loaded its data. */
interface ConsolePage {
  name: string;
  path: string;
  ready: (page: Page) => Promise<unknown>;
}

const firstRow = (page: Page) => page.locator('tbody tr').first().waitFor();

describe.runIf(enabled)('accessibility: every page of the console passes axe-core (no serious or critical violation)', () => {
  let server: Awaited<ReturnType<typeof startDemoServer>>;
  let browser: Browser;
  let clientId: number;
  let resellerId: number;

  beforeAll(async () => {
    server = await startDemoServer(TODAY);
    browser = await launchChromium();
    ({ id: clientId } = await server.db.selectFrom('clients').select('id').orderBy('id').executeTakeFirstOrThrow());
    ({ id: resellerId } = await server.db.selectFrom('resellers').select('id').orderBy('id').executeTakeFirstOrThrow());
  });
  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  /** A fresh French page (axe needs a page of a browser context it can open more pages in). */
  const newPage = async () => (await browser.newContext({ viewport: { width: 1366, height: 900 }, locale: 'fr-FR' })).newPage();

  it('the login page', async () => {
    const page = await newPage();
    await page.goto(`${server.url}/#/login`);
    await page.getByRole('button', { name: 'Se connecter' }).waitFor();
    expect(await seriousViolations(page)).toEqual([]);
    await page.context().close();
  });

  const adminPages: ConsolePage[] = [
    { name: 'dashboard', path: '/', ready: (page) => page.locator('.recharts-bar-rectangle').first().waitFor() },
    { name: 'client list', path: '/clients', ready: firstRow },
    { name: 'client page', path: '/clients/{client}/show', ready: firstRow },
    { name: 'client edit', path: '/clients/{client}', ready: (page) => expect.poll(() => page.getByLabel('Nom client').inputValue()).not.toBe('') },
    { name: 'client create', path: '/clients/create', ready: (page) => page.getByTestId('consumption-total').waitFor() },
    { name: 'to-renew list', path: '/to-renew', ready: firstRow },
    { name: 'resellers', path: '/resellers', ready: firstRow },
    { name: 'reseller page', path: '/resellers/{reseller}/show', ready: firstRow },
    { name: 'pools', path: '/pools', ready: firstRow },
    { name: 'movements', path: '/movements', ready: firstRow },
    { name: 'users', path: '/users', ready: firstRow },
    { name: 'access log', path: '/access_log', ready: firstRow },
    { name: 'changes', path: '/changes', ready: firstRow },
    { name: 'account', path: '/account', ready: (page) => page.getByLabel('Mot de passe actuel').waitFor() },
    { name: 'API reference', path: '/api-reference', ready: (page) => page.getByRole('button', { name: /\/api\/health/ }).first().waitFor() },
  ];
  // The reseller's own daily pages, with what a reseller sees (and may do) on them.
  const resellerPages: ConsolePage[] = [
    { name: 'dashboard', path: '/', ready: (page) => page.locator('.recharts-bar-rectangle').first().waitFor() },
    { name: 'client list', path: '/clients', ready: firstRow },
    { name: 'to-renew list', path: '/to-renew', ready: firstRow },
    { name: 'users', path: '/users', ready: firstRow },
    { name: 'API keys', path: '/api_keys', ready: (page) => page.getByRole('button', { name: 'Créer une clé' }).waitFor() },
  ];

  for (const [role, pages] of [['admin', adminPages], ['reseller', resellerPages]] as const) {
    describe(`as ${role}`, () => {
      let page: Page;
      beforeAll(async () => {
        page = await newPage();
        await logInThroughPage(page, server.url, role);
      });
      afterAll(() => page?.context().close());

      for (const { name, path, ready } of pages) {
        it(name, async () => {
          await page.goto(`${server.url}/#${path.replace('{client}', String(clientId)).replace('{reseller}', String(resellerId))}`);
          await ready(page);
          expect(await seriousViolations(page)).toEqual([]);
        });
      }
    });
  }
});
