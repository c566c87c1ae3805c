import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { AddressInfo } from 'node:net';
import pino from 'pino';
import AxeBuilder from '@axe-core/playwright';
import { chromium, type Browser, type Page } from 'playwright-core';
import { createApp } from '../../server/src/app.ts';
import { manualClock } from '../../server/src/clock.ts';
import { openDatabase } from '../../server/src/db/connection.ts';
import { migrate } from '../../server/src/db/migrate.ts';
import { seedDatabase } from '../../server/src/seed/generate.ts';
import { addDemoLogins, DEMO_LOGINS } from '../../server/src/seed/demoLogins.ts';

/** Debian's Chromium, driven by playwright-core (never a downloaded browser). */
export const CHROMIUM = '/usr/bin/chromium';
export const chromiumMissingMessage =
  `Browser tests skipped: ${CHROMIUM} is missing. Install it with: apt-get install -y chromium`;

/** Whether the browser tests run: skipped without Chromium, except under CI where that fails. */
export function browserTestsEnabled(): boolean {
  if (fs.existsSync(CHROMIUM)) return true;
  if (process.env.CI === 'true') throw new Error(`CI=true but ${CHROMIUM} is missing (apt-get install -y chromium)`);
  console.warn(chromiumMissingMessage);
  return false;
}

export function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM,
    args: [
      '--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
      '--disable-background-networking', '--disable-component-update', '--disable-sync',
    ],
  });
}

/** Where screenshots go: test artefacts, not committed. */
export const ARTIFACTS = path.resolve('test-artifacts');

/**
 * The production app (API + built console from dist/public/) on a fresh demo database seeded for
 * `today`, listening on a free loopback port.
 */
export async function startDemoServer(today: string) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cascade-e2e-'));
  const connection = openDatabase(path.join(dir, 'demo.db'));
  migrate(connection.sqlite);
  await seedDatabase(connection.db, { clients: 300, today });
  const clock = manualClock(today);
  await addDemoLogins(connection.db, clock.now());
  const app = createApp({ db: connection.db, clock, logger: pino({ level: 'silent' }), staticDir: 'dist/public' });
  const server = app.listen(0, '127.0.0.1');
  await new Promise((resolve) => server.once('listening', resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    url,
    db: connection.db,
    async stop() {
      await new Promise((resolve) => server.close(resolve));
      await connection.close();
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}

type DemoRole = (typeof DEMO_LOGINS)[number]['role'];

/** The demo login of a role (admin, partner, reseller): email, password, name. */
export const demoLogin = (role: DemoRole) => DEMO_LOGINS.find((login) => login.role === role)!;

/** Logs in through the console's own login page (French), and waits until it has left it. */
/** Fills the login form, once the login page is shown, with a demo login's email and password. */
export async function fillLoginForm(page: Page, role: DemoRole) {
  const { email, password } = demoLogin(role);
  await page.getByRole('button', { name: 'Se connecter' }).waitFor();
  await page.getByLabel('Adresse e-mail').fill(email);
  await page.getByLabel('Mot de passe').fill(password);
}

export async function logInThroughPage(page: Page, url: string, role: DemoRole, beforeSubmit?: () => Promise<unknown>) {
  await page.goto(`${url}/#/login`);
  await fillLoginForm(page, role);
  await beforeSubmit?.();
  await page.getByRole('button', { name: 'Se connecter' }).click();
  await page.waitForURL((address) => !address.hash.startsWith('#/login'));
}

/**
 * The API as one demo login sees it (its own session cookie), for checks beside the browser:
 * `get` answers the JSON body, `list` the rows and the Content-Range total.
 */
export async function apiAs(url: string, role: DemoRole) {
  const { email, password } = demoLogin(role);
  const response = await fetch(`${url}/api/auth/login`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ email, password }),
  });
  if (!response.ok) throw new Error(`login of ${email} failed: ${response.status} ${await response.text()}`);
  const cookie = response.headers.getSetCookie().map((c) => c.split(';')[0]).join('; ');
  const request = (path: string) => fetch(`${url}/api${path}`, { headers: { cookie } });
  return {
    get: async (path: string) => (await request(path)).json(),
    list: async (path: string) => {
      const answer = await request(path);
      const total = Number(answer.headers.get('content-range')?.split('/')[1]);
      return { rows: (await answer.json()) as Record<string, any>[], total };
    },
  };
}

/** The demo console in Chromium: a fresh demo server and a French page; `close()` ends both. */
export async function openDemoConsole(today: string) {
  fs.mkdirSync(ARTIFACTS, { recursive: true });
  const server = await startDemoServer(today);
  const browser = await launchChromium();
  const page = await browser.newPage({ viewport: { width: 1366, height: 900 }, locale: 'fr-FR' });
  page.on('pageerror', (error) => console.error('page error:', error.message));
  return {
    server,
    page,
    async close() {
      await browser.close();
      await server.stop();
    },
  };
}

/** The serious and critical axe-core violations of the page as it stands, one line each (rule, where). */
export async function seriousViolations(page: Page, scope: { include?: string; exclude?: string } = {}): Promise<string[]> {
  // A dialog still fading in blends its colours with the backdrop: axe would see a contrast fault no
  // user sees. Wait for the running finite transitions (not the skeletons' endless pulse), at most 2 s.
  await page.evaluate(() => {
    const running = document.getAnimations().filter((animation) => animation.effect?.getComputedTiming().iterations !== Infinity);
    return Promise.race([Promise.all(running.map((animation) => animation.finished.catch(() => undefined))), new Promise((resolve) => setTimeout(resolve, 2_000))]);
  });
  let axe = new AxeBuilder({ page });
  if (scope.include) axe = axe.include(scope.include);
  if (scope.exclude) axe = axe.exclude(scope.exclude);
  const { violations } = await axe.analyze();
  return violations
    .filter((violation) => violation.impact === 'serious' || violation.impact === 'critical')
    .map((violation) => `${violation.id} (${violation.impact}): ${violation.nodes.map((node) => node.target.join(' ')).slice(0, 3).join(' | ')}`);
}
