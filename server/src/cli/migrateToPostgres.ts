import fs from 'node:fs';
import { z } from 'zod';
import { OperationRefusedError } from '../db/backup.ts';
import { openDatabase } from '../db/connection.ts';
import { copyToPostgres } from '../db/copyToPostgres.ts';
import { MigrationError } from '../db/migrate.ts';
import { openPostgres } from '../db/postgres.ts';
import { parseCliOptions } from './args.ts';

/**
 * npm run migrate-to-postgres -- --from file:data/cascade.db --to postgres://user:pass@host:5432/cascade
 * Copies an installation into an empty PostgreSQL database (its schema is created), then checks the
 * row counts and that every pool balance equals its ledger. Stop the server first.
 */
const options = parseCliOptions(
  z.object({
    from: z.string({ error: 'required, e.g. file:data/cascade.db' }).regex(/^file:.+/, 'must look like file:path/to/cascade.db'),
    to: z.string({ error: 'required, e.g. postgres://user:pass@host:5432/cascade' }).regex(/^postgres(ql)?:\/\/.+/, 'must start with postgres://'),
  }),
);
const file = options.from.replace(/^file:/, '');
if (!fs.existsSync(file)) {
  console.error(`Migration refused: no database at ${file}`);
  process.exit(1);
}
const source = openDatabase(file);
const target = openPostgres(options.to, 2);
const started = performance.now();
try {
  const report = await copyToPostgres(source, target);
  const rows = report.tables.reduce((sum, t) => sum + t.rows, 0);
  console.log(`Copied ${file} to PostgreSQL in ${((performance.now() - started) / 1000).toFixed(1)} s: ${rows} rows in ${report.tables.length} tables, row counts equal, every pool balance equals its ledger`);
  for (const table of report.tables) console.log(`  ${table.name.padEnd(20)} ${table.rows}`);
} catch (error) {
  if (!(error instanceof OperationRefusedError || error instanceof MigrationError)) throw error;
  console.error(`Migration refused: ${error.message}`);
  process.exitCode = 1;
} finally {
  await source.close();
  await target.close();
}
