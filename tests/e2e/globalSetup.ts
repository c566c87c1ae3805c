import { build } from 'vite';

/** Before the browser tests and the bundle budget check: the production build of the console (dist/). */
export default async function setup() {
  await build({ configFile: 'vite.config.ts', logLevel: 'warn' });
}
