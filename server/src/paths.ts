import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * The package root: the nearest folder above this module holding package.json and db/migrations.
 * Found by walking up, so that the source (server/src/) and the bundles (dist/server/…) both find
 * the migrations and the worker whatever their depth.
 */
function findPackageRoot(start: string): string {
  for (let dir = start; ; dir = path.dirname(dir)) {
    if (fs.existsSync(path.join(dir, 'package.json')) && fs.existsSync(path.join(dir, 'db', 'migrations'))) return dir;
    if (path.dirname(dir) === dir) throw new Error(`No Cascade package root (package.json + db/migrations) above ${start}`);
  }
}

export const PACKAGE_ROOT = findPackageRoot(path.dirname(fileURLToPath(import.meta.url)));
/** The forward-only migrations, one folder per dialect; the two hold the same file names. */
export const MIGRATIONS_DIR = path.join(PACKAGE_ROOT, 'db', 'migrations', 'sqlite');
export const POSTGRES_MIGRATIONS_DIR = path.join(PACKAGE_ROOT, 'db', 'migrations', 'postgres');
/** Where `npm run build` puts the console and the compiled server. */
export const DIST_PUBLIC_DIR = path.join(PACKAGE_ROOT, 'dist', 'public');
export const DIST_SERVER_DIR = path.join(PACKAGE_ROOT, 'dist', 'server');

/** True when this code runs from the TypeScript source (through tsx or vitest), not from dist/. */
export const RUNNING_FROM_SOURCE = import.meta.url.endsWith('.ts');
