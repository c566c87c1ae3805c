import path from 'node:path';
import { generate } from 'otplib';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ARTIFACTS, browserTestsEnabled, demoLogin, fillLoginForm, logInThroughPage, startDemoServer, openDemoConsole } from './browser.ts';

const TODAY = '2026-11-26';
const enabled = browserTestsEnabled();

describe.runIf(enabled)('a partner whose organisation requires 2FA, in Chromium', () => {
  let server: Awaited<ReturnType<typeof startDemoServer>>;
  let demo: Awaited<ReturnType<typeof openDemoConsole>>;
  let page: Page;
  let recoveryCodes: string[] = [];
  const shot = (name: string) => page.screenshot({ path: path.join(ARTIFACTS, `${name}.png`), fullPage: true });

  beforeAll(async () => {
    demo = await openDemoConsole(TODAY);
    ({ server, page } = demo);
    // An admin's decision (the switch on the partner's page): Alliance Informatique requires 2FA.
    await server.db.updateTable('partners').set({ require_totp: 1 }).where('name', '=', 'Alliance Informatique').execute();
  });
  afterAll(() => demo?.close());

  it('is sent to the 2FA set-up, scans the QR code, confirms a code and sees its 10 recovery codes once', async () => {
    await logInThroughPage(page, server.url, 'partner');
    await page.waitForURL(/#\/account/);
    await page.getByTestId('totp-required').waitFor();
    // Any other page sends it back here until 2FA is on.
    await page.goto(`${server.url}/#/clients`);
    await page.waitForURL(/#\/account/);

    await page.getByRole('button', { name: 'Configurer la double authentification' }).click();
    await page.getByRole('img', { name: 'QR code de configuration' }).waitFor();
    const secret = (await page.getByTestId('totp-secret').textContent())!.trim();
    await page.getByLabel('Code à 6 chiffres').fill('000000');
    await page.getByRole('button', { name: 'Activer' }).click();
    await page.getByText('Code de vérification incorrect').waitFor();
    await page.getByLabel('Code à 6 chiffres').fill(await generate({ secret }));
    await page.getByRole('button', { name: 'Activer' }).click();
    const codes = page.getByTestId('recovery-codes').locator('li');
    await expect.poll(() => codes.count()).toBe(10);
    recoveryCodes = await codes.allTextContents();
    await shot('totp-recovery-codes');
    await page.getByRole('button', { name: 'J’ai conservé ces codes' }).click();
    await page.getByText('La double authentification est activée.').waitFor();
    expect(await page.getByTestId('recovery-codes').count()).toBe(0);

    // The rest of the console opens now.
    await page.goto(`${server.url}/#/clients`);
    await page.getByText('Légende').waitFor();
  });

  it('sees its logins and the access log of its organisation', async () => {
    await page.goto(`${server.url}/#/users`);
    await page.locator('tbody tr', { hasText: demoLogin('partner').email }).waitFor();
    await page.locator('tbody tr', { hasText: demoLogin('reseller').email }).waitFor();
    expect(await page.locator('tbody tr', { hasText: demoLogin('admin').email }).count()).toBe(0);

    await page.goto(`${server.url}/#/access_log`);
    await page.locator('tbody tr', { hasText: 'Double authentification activée' }).first().waitFor();
    await shot('access-log');
  });

  it('logs in again with the code step, using a recovery code', async () => {
    await page.getByRole('button', { name: demoLogin('partner').name }).click();
    await page.getByRole('menuitem', { name: 'Déconnexion' }).click();
    await page.waitForURL(/#\/login/);
    await fillLoginForm(page, 'partner');
    await page.getByRole('button', { name: 'Se connecter' }).click();
    const code = page.getByLabel('Code de vérification ou code de secours');
    await code.waitFor();
    await shot('login-code');
    await code.fill(recoveryCodes[0]);
    await page.getByRole('button', { name: 'Se connecter' }).click();
    await page.getByText('Nombre de sociétés à renouveler').waitFor();
    await expect.poll(() => page.getByTestId('organisation-label').textContent()).toBe('Alliance Informatique · Partenaire');
  });
});
