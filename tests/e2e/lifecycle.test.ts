import path from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiAs, ARTIFACTS, browserTestsEnabled, logInThroughPage, startDemoServer, openDemoConsole } from './browser.ts';

const TODAY = '2026-11-26';
const enabled = browserTestsEnabled();

describe.runIf(enabled)('subscription lifecycle in Chromium (demo data)', () => {
  let server: Awaited<ReturnType<typeof startDemoServer>>;
  let demo: Awaited<ReturnType<typeof openDemoConsole>>;
  let page: Page;
  let admin: Awaited<ReturnType<typeof apiAs>>;
  const shot = (name: string) => page.screenshot({ path: path.join(ARTIFACTS, `${name}.png`), fullPage: true });

  beforeAll(async () => {
    demo = await openDemoConsole(TODAY);
    ({ server, page } = demo);
    admin = await apiAs(server.url, 'admin');
  });
  afterAll(() => demo?.close());

  it('bulk-renews two subscriptions of the to-renew list, switches auto-renewal on, then undoes one renewal', async () => {
    await logInThroughPage(page, server.url, 'admin');
    await page.goto(`${server.url}/#/to-renew`);
    const rows = page.locator('tbody tr');
    await rows.first().getByRole('button', { name: 'Renouveler', exact: true }).waitFor();

    // The first two rows, as the list shows them (soonest end first).
    const { rows: listed } = await admin.list(
      `/subscriptions?filter=${encodeURIComponent('{"to_renew":true}')}&sort=${encodeURIComponent('["end_date","ASC"]')}&range=[0,1]`,
    );
    expect(listed).toHaveLength(2);
    for (const [index, sub] of listed.entries()) {
      await expect.poll(() => rows.nth(index).textContent()).toContain(sub.client_name);
      await rows.nth(index).getByRole('checkbox').check();
    }
    await page.getByRole('button', { name: 'Renouveler la sélection' }).click();
    const dialog = page.getByRole('dialog');
    await dialog.getByText('Renouveler 2 abonnements').waitFor();
    await dialog.getByTestId('bulk-pools').waitFor();
    await expect.poll(() => dialog.getByTestId('bulk-pools').getAttribute('aria-busy')).toBe('false');
    // each line at its own subscription's years
    const quote = await admin.get(`/subscriptions/bulk-renewal-quote?ids=${listed.map((s) => s.id).join(',')}`);
    for (const pool of quote.pools) {
      await expect.poll(() => dialog.getByTestId('bulk-pools').textContent()).toContain(pool.manager_name);
    }
    await shot('bulk-renew-dialog');
    await dialog.getByRole('button', { name: 'Renouveler', exact: true }).click();
    await dialog.getByTestId('bulk-results').waitFor();
    await shot('bulk-renew-results');

    // One line per subscription; the server agrees with what the dialog says.
    const lines = dialog.getByTestId('bulk-results').getByRole('listitem');
    await expect.poll(() => lines.count()).toBe(2);
    const renewedIds: number[] = [];
    for (const sub of listed) {
      const line = lines.filter({ hasText: sub.client_name }).first();
      const after = await admin.get(`/subscriptions/${sub.id}`);
      if ((await line.getAttribute('data-status')) === 'renewed') {
        // renewed ahead of its end, or restarted today when it had expired
        expect(['renewed', 'active']).toContain(after.status);
        expect(await line.textContent()).toMatch(/Renouvelé jusqu’au/);
        renewedIds.push(sub.id);
      } else {
        expect(after.status).toBe(sub.status);
        expect(await line.textContent()).toMatch(/Licences insuffisantes/);
      }
    }
    expect(renewedIds.length).toBeGreaterThan(0);
    await dialog.getByRole('button', { name: 'Fermer' }).click();
    await dialog.waitFor({ state: 'detached' });
    // Until the list is reloaded, the renewed subscription keeps its row, checked; a reload takes it away.
    const gone = listed.find((s) => s.id === renewedIds[0])!;
    await rows.nth(listed.indexOf(gone)).getByTestId('renewed-check').waitFor();
    const { total: left } = await admin.list(
      `/subscriptions?filter=${encodeURIComponent(JSON.stringify({ to_renew: true, client_id: gone.client_id }))}&range=[0,0]`,
    );
    await page.getByPlaceholder(/Rechercher/).fill(gone.client_name);
    await expect.poll(() => page.locator('tbody tr', { hasText: gone.client_name }).count()).toBe(left);

    // On its client's page: switch auto-renewal on, then undo the renewal just made.
    const before = await admin.get(`/subscriptions/${gone.id}`);
    const product = await admin.get(`/products/${gone.product_id}`);
    await page.goto(`${server.url}/#/clients/${gone.client_id}/show`);
    const row = page.locator('tbody tr', { hasText: product.code }).first();
    await row.getByRole('button', { name: 'Annuler le renouvellement' }).waitFor();
    const toggle = row.getByRole('switch', { name: 'Renouvellement automatique' });
    if (!(await toggle.isChecked())) {
      await toggle.click();
      await page.getByText('Renouvellement automatique activé').waitFor();
      await expect.poll(async () => (await admin.get(`/subscriptions/${gone.id}`)).auto_renew).toBe(true);
    }
    const pool = (await admin.get(`/subscriptions/${gone.id}/renewal-quote?years=1`)).pool_id;
    const balanceBefore = (await admin.get(`/pools/${pool}`)).balance;
    await row.getByRole('button', { name: 'Annuler le renouvellement' }).click();
    const confirm = page.getByRole('dialog');
    await confirm.getByText('Annuler le dernier renouvellement ?').waitFor();
    await confirm.getByRole('button', { name: 'Confirmer' }).click();
    const returned = before.seats * quote.subscriptions.find((line: { id: number }) => line.id === gone.id).years;
    await page.getByText(new RegExp(`Renouvellement annulé : ${returned} licences? rendues? au stock`)).waitFor();
    await shot('undo-renewal');
    const undone = await admin.get(`/subscriptions/${gone.id}`);
    expect(undone.status).toBe(gone.status);
    expect(undone.undo_until).toBeNull();
    expect((await admin.get(`/pools/${pool}`)).balance).toBe(balanceBefore + returned);
    // The window is spent: the button is gone.
    await expect.poll(() => row.getByRole('button', { name: 'Annuler le renouvellement' }).count()).toBe(0);
  });
});
