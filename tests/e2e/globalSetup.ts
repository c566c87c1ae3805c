import fs from 'node:fs';
import { build } from 'vite';
import { CHROMIUM, chromiumMissingMessage } from './browser.ts';

/** Before the browser tests: the production build of the console they load (dist/). */
export default async function setup() {
  if (!fs.existsSync(CHROMIUM)) {
    // The tests themselves report the skip (or fail under CI); no build needed then.
    console.warn(chromiumMissingMessage);
    return;
  }
  await build({ configFile: 'vite.config.ts', logLevel: 'warn' });
}
