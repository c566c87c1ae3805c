import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { browserTestsEnabled, launchChromium, logInThroughPage, startDemoServer } from './browser.ts';

const enabled = browserTestsEnabled();
const PHONE = { viewport: { width: 412, height: 823 }, isMobile: true, hasTouch: true, locale: 'fr-FR' };

/**
 * index.html's static shell: what a phone shows before the console's code has arrived and run. On
 * the two daily pages it names the page and shows its headings (client/src/layout/staticShell.ts);
 * its inline script runs under the server's Content-Security-Policy, which allows it by its hash.
 */
describe.runIf(enabled)('the static shell before the code', () => {
  let server: Awaited<ReturnType<typeof startDemoServer>>;
  let browser: Browser;

  beforeAll(async () => {
    server = await startDemoServer('2026-12-03');
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  /** A phone on which the console's scripts never arrive: what stays is the static shell. */
  const withoutCode = async (address: string, stored: Record<string, string> = {}) => {
    const context = await browser.newContext(PHONE);
    await context.addInitScript((entries) => {
      for (const [key, value] of Object.entries(entries)) localStorage.setItem(`RaStore.${key}`, JSON.stringify(value));
    }, stored);
    await context.route('**/assets/*.js', (route) => route.abort());
    const page = await context.newPage();
    const blocked: string[] = [];
    page.on('console', (message) => message.text().includes('Content Security Policy') && blocked.push(message.text()));
    await page.goto(`${server.url}${address}`);
    const shell = page.locator('#root > .shell');
    const seen = {
      title: await shell.locator('.shell-bar').innerText(),
      main: await shell.locator('.shell-main').innerText(),
      selectedTab: await shell.locator('.shell-tab.selected').allInnerTexts(),
      blocked,
    };
    await context.close();
    return seen;
  };

  it('names the to-renew list and shows its two tabs, the last one chosen selected', async () => {
    const shell = await withoutCode('/#/to-renew');
    expect(shell.blocked).toEqual([]);
    expect(shell.title).toBe('Clients à renouveler');
    expect(shell.main.split('\n').filter(Boolean)).toEqual(['À RENOUVELER', 'RENOUVELÉS CE MOIS-CI']);
    expect(shell.selectedTab).toEqual(['À RENOUVELER']);
    expect((await withoutCode('/#/to-renew', { 'subscriptions.toRenew.view': 'renewed' })).selectedTab).toEqual(['RENOUVELÉS CE MOIS-CI']);
  });

  it("names the dashboard and shows its cards' titles, in the stored language", async () => {
    const french = await withoutCode('/');
    expect(french.title).toBe('Tableau de bord');
    expect(french.main.split('\n').filter(Boolean)).toEqual([
      'Nombre de sociétés à renouveler',
      'Abonnements par statut',
      'Licences restantes par produit',
      'Échéances des 12 prochains mois',
    ]);
    const english = await withoutCode('/#/', { locale: 'en' });
    expect(english.title).toBe('Dashboard');
    expect(english.main).toContain('Due in the next 12 months');
  });

  it('shows only the brand and blank cards on the other pages', async () => {
    const shell = await withoutCode('/#/clients');
    expect(shell.title).toBe('Cascade');
    expect(shell.main).toBe('');
  });

  /**
   * The console's own headings paint no larger than the shell's copies, so a phone's largest paint
   * is the shell's, not seconds later: a theme change that makes a heading larger must change
   * index.html's shell too. (At 390 px the app bar's title wraps onto two lines, in both.)
   */
  describe.each([390, 412])("the page's largest paint on a %i px phone", (width) => {
    let context: BrowserContext;
    beforeAll(async () => {
      context = await browser.newContext({ ...PHONE, viewport: { width, height: 823 } });
      await logInThroughPage(await context.newPage(), server.url, 'reseller');
      await context.addInitScript(() => {
        const seen: string[] = [];
        Object.assign(window, { largestPaints: seen });
        new PerformanceObserver((list) => {
          for (const entry of list.getEntries() as PerformanceEntry[] & { element: Element | null }[]) {
            seen.push(entry.element?.closest('.shell') ? `shell: ${entry.element.textContent}` : `console: ${entry.element?.textContent}`);
          }
        }).observe({ type: 'largest-contentful-paint', buffered: true });
      });
    });
    afterAll(() => context?.close());

    const largestPaints = async (page: Page) => {
      await page.waitForTimeout(500); // the last paint's entry is reported after it
      return page.evaluate(() => (window as unknown as { largestPaints: string[] }).largestPaints);
    };

    it('is the shell\'s "Renouvelés ce mois-ci" tab on the to-renew list, after its rows have come', async () => {
      const page = await context.newPage();
      await page.goto(`${server.url}/#/to-renew`);
      await page.getByTestId('to-renew-cards').locator('li').first().waitFor();
      expect((await largestPaints(page)).at(-1)).toBe('shell: Renouvelés ce mois-ci');
    });

    it("is the shell's chart title on the dashboard, after its figures have come", async () => {
      const page = await context.newPage();
      await page.goto(`${server.url}/`);
      await expect.poll(() => page.getByTestId('clients-to-renew').innerText()).toMatch(/^\d+$/);
      expect((await largestPaints(page)).at(-1)).toBe('shell: Échéances des 12 prochains mois');
    });
  });
});
