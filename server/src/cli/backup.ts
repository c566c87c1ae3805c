import { backupDatabase, OperationRefusedError } from '../db/backup.ts';
import { configuredDatabaseFile, parseCommand } from './command.ts';

/**
 * npm run backup -- FILE [--force]: an online, consistent copy of DATABASE_URL into FILE, safe
 * while the server runs. An existing FILE is refused unless --force.
 */
const usage = 'npm run backup -- FILE [--force]   (copies DATABASE_URL to FILE while the server may run)';
const { files, flags } = parseCommand(usage, { files: 1, flags: ['force'] });
const source = configuredDatabaseFile();
const started = performance.now();
try {
  const copy = await backupDatabase(source, files[0], { force: flags.force });
  const seconds = ((performance.now() - started) / 1000).toFixed(1);
  console.log(
    `Backed up ${source} to ${files[0]} in ${seconds} s: ${(copy.bytes / 1e6).toFixed(1)} MB, ` +
      `${copy.movements} ledger movements, ${copy.pools} pools, migrations up to ${copy.migration}; integrity check ok`,
  );
} catch (error) {
  if (!(error instanceof OperationRefusedError)) throw error;
  console.error(`Backup refused: ${error.message}`);
  process.exitCode = 1;
}
