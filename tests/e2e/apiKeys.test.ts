import path from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SYSTEM_SCOPE } from '../../server/src/domain/access.ts';
import { createApiKey } from '../../server/src/domain/auth/apiKeys.ts';
import { ARTIFACTS, browserTestsEnabled, logInThroughPage, openDemoConsole, startDemoServer } from './browser.ts';

const TODAY = '2026-11-26';
const enabled = browserTestsEnabled();

describe.runIf(enabled)('API keys in Chromium: a partner makes a key, sees its secret once, uses it, revokes it; usage shows as over-used', () => {
  let server: Awaited<ReturnType<typeof startDemoServer>>;
  let demo: Awaited<ReturnType<typeof openDemoConsole>>;
  let page: Page;
  let secret = '';
  const api = (apiPath: string, init: RequestInit = {}, key = secret) =>
    fetch(`${server.url}/api${apiPath}`, { ...init, headers: { Authorization: `Bearer ${key}`, 'Content-Type': 'application/json', ...init.headers } });

  beforeAll(async () => {
    demo = await openDemoConsole(TODAY);
    ({ server, page } = demo);
    await logInThroughPage(page, server.url, 'partner');
  });
  afterAll(() => demo?.close());

  it('creates a key from the "Clés API" page and shows its secret once', async () => {
    await page.locator('.RaSidebar-fixed, .MuiDrawer-root').first().getByRole('menuitem', { name: 'Clés API' }).click();
    await page.getByRole('button', { name: 'Créer une clé' }).click();
    const dialog = page.getByRole('dialog');
    await dialog.getByRole('textbox', { name: /Nom/ }).fill('CRM partenaire');
    await dialog.getByRole('combobox', { name: 'Droits' }).click();
    await page.getByRole('option', { name: 'Lecture et écriture' }).click();
    await dialog.getByRole('button', { name: 'Créer une clé' }).click();
    const field = dialog.getByTestId('api-key-secret');
    await field.waitFor();
    secret = await field.inputValue();
    expect(secret).toMatch(/^csk_/);
    await expect.poll(() => dialog.textContent()).toContain('ne sera plus jamais affichée');
    await page.screenshot({ path: path.join(ARTIFACTS, 'api-key-created.png') });
    await dialog.getByRole('button', { name: 'J’ai copié la clé' }).click();
    await page.locator('tbody tr', { hasText: 'CRM partenaire' }).waitFor();
    expect(await page.content()).not.toContain(secret);
  });

  it('the key reads as the partner, with no cookie', async () => {
    const answer = await api('/clients?range=[0,0]');
    expect(answer.status).toBe(200);
    expect(answer.headers.get('set-cookie')).toBeNull();
    const me = await api('/auth/me');
    expect(me.status).toBe(401);
  });

  it('shows an over-used subscription, with its usage chart, once the publisher reports more users than seats', async () => {
    const { secret: usageKey } = await server.db
      .transaction()
      .execute((tx) => createApiKey(tx, { actor: 'test', scope: SYSTEM_SCOPE, today: TODAY, now: `${TODAY}T09:00:00.000Z` }, { name: 'Serveur de licences', scope: 'usage' }));
    // The demo partner login's organisation (seed/demoLogins.ts: the first partner).
    const { partner_id } = await server.db.selectFrom('users').select('partner_id').where('role', '=', 'partner').executeTakeFirstOrThrow();
    const sub = await server.db
      .selectFrom('subscriptions')
      .select(['subscriptions.id', 'subscriptions.client_id', 'subscriptions.seats'])
      .where('subscriptions.partner_id', '=', partner_id!)
      .where('subscriptions.status', '=', 'active')
      .where('subscriptions.archived', '=', 0)
      .orderBy('subscriptions.id')
      .executeTakeFirstOrThrow();
    const seats = sub.seats!;
    const reported = await api(
      '/usage',
      {
        method: 'POST',
        body: JSON.stringify({
          reports: [
            { subscription_id: sub.id, active_users: seats, measured_at: '2026-11-01T08:00:00Z' },
            { subscription_id: sub.id, active_users: seats + 2, measured_at: '2026-11-25T08:00:00Z' },
          ],
        }),
      },
      usageKey,
    );
    expect(reported.status).toBe(200);
    await page.goto(`${server.url}/#/clients/${sub.client_id}/show`);
    const badge = page.getByTestId('over-used-badge').first();
    await badge.waitFor();
    expect(await badge.textContent()).toBe(`Sur-utilisé : ${seats + 2} / ${seats}`);
    await page.getByTestId('usage-chart').locator('.recharts-line').first().waitFor();
    await page.screenshot({ path: path.join(ARTIFACTS, 'usage-over-used.png'), fullPage: true });
  });

  it('revokes the key after a confirmation; the key is refused at once', async () => {
    await page.goto(`${server.url}/#/api_keys`);
    const row = page.locator('tbody tr', { hasText: 'CRM partenaire' });
    await row.getByRole('button', { name: 'Révoquer' }).click();
    await page.getByRole('dialog').getByRole('button', { name: 'Révoquer' }).click();
    await row.getByText('Révoquée').waitFor();
    expect((await api('/clients?range=[0,0]')).status).toBe(401);
  });

  it('the page fits a phone (390 px)', async () => {
    await page.setViewportSize({ width: 390, height: 844 });
    await page.goto(`${server.url}/#/api_keys`);
    await page.locator('tbody tr', { hasText: 'CRM partenaire' }).waitFor();
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
    expect(overflow).toBeLessThanOrEqual(0);
    // The status stays in view beside the name (the accessibility test checks the page with axe).
    await page.locator('tbody tr', { hasText: 'CRM partenaire' }).getByText('Révoquée').waitFor();
    await page.setViewportSize({ width: 1366, height: 900 });
  });
});
