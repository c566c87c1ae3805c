import fs from 'node:fs';
import { openDatabase } from '../db/connection.ts';
import { checkInvariants } from '../domain/invariants.ts';
import { configuredDatabaseFile, parseCommand } from './command.ts';

/**
 * npm run check: verifies the ledger's invariants on DATABASE_URL (safe while the server runs; it
 * only reads). Prints each fault and exits 1 if there is any, else prints OK and exits 0.
 */
parseCommand('npm run check', { files: 0 });
const file = configuredDatabaseFile();
if (!fs.existsSync(file)) {
  console.error(`No database at ${file} (DATABASE_URL)`);
  process.exit(1);
}
const connection = openDatabase(file);
const started = performance.now();
const faults = await checkInvariants(connection.db);
const counts = connection.sqlite
  .prepare('SELECT (SELECT count(*) FROM pools) AS pools, (SELECT count(*) FROM terms) AS terms, (SELECT count(*) FROM movements) AS movements')
  .get() as { pools: number; terms: number; movements: number };
await connection.close();
const ms = Math.round(performance.now() - started);
const checked = `${counts.pools} pools, ${counts.terms} terms, ${counts.movements} movements of ${file} in ${ms} ms`;
if (faults.length === 0) {
  console.log(`OK: the invariants hold (${checked})`);
} else {
  for (const f of faults) console.log(`FAULT ${f.kind}: ${f.message}`);
  console.log(`${faults.length} fault(s) (${checked})`);
  process.exitCode = 1;
}
