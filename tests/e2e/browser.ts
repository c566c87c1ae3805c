import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { AddressInfo } from 'node:net';
import pino from 'pino';
import { chromium, type Browser } from 'playwright-core';
import { createApp } from '../../server/src/app.ts';
import { manualClock } from '../../server/src/clock.ts';
import { openDatabase } from '../../server/src/db/connection.ts';
import { migrate } from '../../server/src/db/migrate.ts';
import { seedDatabase } from '../../server/src/seed/generate.ts';

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
 * The production app (API + built console from dist/) on a fresh demo database seeded for
 * `today`, listening on a free loopback port.
 */
export async function startDemoServer(today: string) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cascade-e2e-'));
  const connection = openDatabase(path.join(dir, 'demo.db'));
  migrate(connection.sqlite);
  await seedDatabase(connection.db, { clients: 300, today });
  const clock = manualClock(today);
  const app = createApp({ db: connection.db, clock, logger: pino({ level: 'silent' }), staticDir: 'dist' });
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
