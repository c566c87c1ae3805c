import { configDefaults, defineConfig } from 'vitest/config';
import { fileURLToPath } from 'node:url';
import { constants } from 'node:zlib';
import react from '@vitejs/plugin-react';
import { compression, defineAlgorithm } from 'vite-plugin-compression2';
import { bootChunks } from './scripts/bootChunks.ts';
import { staticShell } from './scripts/staticShell.ts';

const fromRoot = (file: string) => fileURLToPath(new URL(file, import.meta.url));

/** The server-side tests' settings, on SQLite (node) and on PostgreSQL (node-postgres). */
const serverTests = { root: '.', environment: 'node', testTimeout: 30_000, hookTimeout: 120_000 } as const;

// One config for the SPA build (client/ → dist/public/) and for vitest, which runs
// the server-side tests under node and the component tests under jsdom.
export default defineConfig({
  root: 'client',
  plugins: [
    react(),
    // The static shell's page titles and headings, filled in before the first paint.
    staticShell(),
    // One file each, in this order, for the dashboard's forecast (on its first screen), the daily pages
    // (misc/prefetch.ts) and the dashboard's chart (recharts, which none of the others must wait for).
    bootChunks({
      lazyFirst: [
        'client/src/dashboard/ForecastCard.tsx',
        'client/src/subscriptions/ToRenewList.tsx',
        'client/src/clients/ClientList.tsx',
        'client/src/dashboard/DueChart.tsx',
      ],
    }),
    // Every asset also as .br and .gz, at the strongest settings (once, at build): the server sends
    // them as they are (server/src/app.ts) instead of compressing on each request.
    compression({
      include: /\.(js|css|html|svg|json)$/,
      algorithms: [
        defineAlgorithm('brotliCompress', { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } }),
        defineAlgorithm('gzip', { level: 9 }),
      ],
    }),
  ],
  resolve: {
    alias: [
      { find: 'object.entries', replacement: fromRoot('client/src/misc/objectEntries.cjs') },
    ],
  },
  // the manifest (dist/public/.vite/manifest.json) tells the bundle budget test which chunks the boot loads
  build: {
    outDir: '../dist/public',
    emptyOutDir: true,
    manifest: true,
  },
  server: { proxy: { '/api': 'http://localhost:3000' } },
  test: {
    root: '.',
    projects: [
      {
        extends: true,
        test: {
          name: 'node',
          ...serverTests,
          include: ['tests/unit/**/*.test.ts', 'tests/api/**/*.test.ts', 'tests/ops/**/*.test.ts', 'tests/robustness/**/*.test.ts'],
        },
      },
      {
        // The unit and API tests again, on PostgreSQL: one throwaway cluster for the run, a database per
        // test (tests/helpers/postgresGlobalSetup.ts). The tests that are SQLite's by nature stay out.
        extends: true,
        test: {
          name: 'node-postgres',
          ...serverTests,
          include: ['tests/unit/**/*.test.ts', 'tests/api/**/*.test.ts'],
          exclude: [...configDefaults.exclude, 'tests/unit/checkpoints.test.ts', 'tests/unit/queryPlans.test.ts', 'tests/unit/groupCommit.test.ts'],
          env: { CASCADE_TEST_DATABASE: 'postgres' },
          globalSetup: ['tests/helpers/postgresGlobalSetup.ts'],
          runner: 'tests/helpers/postgresRunner.ts',
        },
      },
      {
        extends: true,
        test: {
          name: 'e2e',
          root: '.',
          environment: 'node',
          include: ['tests/e2e/**/*.test.ts'],
          globalSetup: ['tests/e2e/globalSetup.ts'],
          testTimeout: 60_000,
          hookTimeout: 180_000,
        },
      },
      {
        extends: true,
        test: {
          name: 'ui',
          root: '.',
          environment: 'jsdom',
          include: ['tests/ui/**/*.test.tsx'],
          setupFiles: ['tests/ui/setup.ts'],
        },
      },
    ],
  },
});
