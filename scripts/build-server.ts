import fs from 'node:fs';
import path from 'node:path';
import { build } from 'esbuild';

/**
 * The compiled server: one ESM bundle per entry (the server, every CLI, the checkpoint worker) into
 * dist/server/, laid out as in server/src/. Packages stay external (node_modules is there at run
 * time, and better-sqlite3 is native); sourcemaps keep stack traces pointing at the TypeScript.
 */
const SOURCE = 'server/src';
const OUT = 'dist/server';

const clis = fs
  .readdirSync(path.join(SOURCE, 'cli'))
  .filter((f) => f.endsWith('.ts'))
  .map((f) => path.join(SOURCE, 'cli', f));
const entryPoints = [path.join(SOURCE, 'index.ts'), path.join(SOURCE, 'db', 'checkpointWorker.ts'), ...clis];

fs.rmSync(OUT, { recursive: true, force: true });
const started = performance.now();
await build({
  entryPoints,
  outbase: SOURCE,
  outdir: OUT,
  bundle: true,
  // Chunks of their own for what is imported dynamically (PostgreSQL's store), so a SQLite server never loads pg.
  splitting: true,
  format: 'esm',
  platform: 'node',
  target: 'node20',
  packages: 'external',
  sourcemap: true,
  logLevel: 'warning',
});
console.log(`server built into ${OUT}/ (${entryPoints.length} entries) in ${Math.round(performance.now() - started)} ms`);
