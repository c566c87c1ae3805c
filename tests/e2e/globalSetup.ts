import { build } from 'vite';

/** Before the browser tests and the bundle budget check: the production build of the console (dist/public/). */
export default async function setup() {
  // Under vitest NODE_ENV is 'test', which vite keeps: the build would carry React's development
  // bundles (~100 KB gzipped more than production). The browser tests load the production console.
  const nodeEnv = process.env.NODE_ENV;
  process.env.NODE_ENV = 'production';
  try {
    await build({ configFile: 'vite.config.ts', logLevel: 'warn', mode: 'production' });
  } finally {
    process.env.NODE_ENV = nodeEnv;
  }
}
