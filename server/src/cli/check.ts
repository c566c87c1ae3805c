import fs from 'node:fs';
import { sql } from 'kysely';
import { loadConfig } from '../config.ts';
import { openStore, redactedUrl } from '../db/open.ts';
import { checkInvariants } from '../domain/invariants.ts';
import { parseCommand } from './command.ts';

/**
 * npm run check: verifies the ledger's invariants on DATABASE_URL (safe while the server runs; it
 * only reads). Prints each fault and exits 1 if there is any, else prints OK and exits 0.
 */
parseCommand('npm run check', { files: 0 });
let url: string;
try {
  url = loadConfig().DATABASE_URL;
} catch (error) {
  console.error((error as Error).message);
  process.exit(2);
}
if (url.startsWith('file:') && !fs.existsSync(url.slice('file:'.length))) {
  console.error(`No database at ${url.slice('file:'.length)} (DATABASE_URL)`);
  process.exit(1);
}
const connection = await openStore(url, { poolSize: 2 });
const started = performance.now();
const faults = await checkInvariants(connection.db);
const { rows } = await sql<{ pools: number; terms: number; movements: number }>`
  SELECT (SELECT count(*) FROM pools) AS pools, (SELECT count(*) FROM terms) AS terms, (SELECT count(*) FROM movements) AS movements`.execute(connection.db);
await connection.close();
const ms = Math.round(performance.now() - started);
const checked = `${rows[0].pools} pools, ${rows[0].terms} terms, ${rows[0].movements} movements of ${redactedUrl(url)} in ${ms} ms`;
if (faults.length === 0) {
  console.log(`OK: the invariants hold (${checked})`);
} else {
  for (const f of faults) console.log(`FAULT ${f.kind}: ${f.message}`);
  console.log(`${faults.length} fault(s) (${checked})`);
  process.exitCode = 1;
}
