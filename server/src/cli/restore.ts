import { OperationRefusedError, restoreDatabase } from '../db/backup.ts';
import { ServerLockedError } from '../db/serverLock.ts';
import { configuredDatabaseFile, parseCommand } from './command.ts';

/**
 * npm run restore -- FILE: puts the backup FILE in place of DATABASE_URL. Refused while a server
 * uses the database, or when FILE is not a sound Cascade database. The replaced database is kept
 * beside it (`<db>.before-restore-<time>`).
 */
const usage = 'npm run restore -- FILE   (replaces DATABASE_URL by the backup FILE; stop the server first)';
const { files } = parseCommand(usage, { files: 1 });
const target = configuredDatabaseFile();
try {
  const restored = await restoreDatabase(files[0], target);
  console.log(
    `Restored ${files[0]} to ${target}: ${(restored.bytes / 1e6).toFixed(1)} MB, ${restored.movements} ledger movements, ` +
      `${restored.pools} pools, migrations up to ${restored.migration}; integrity check ok.`,
  );
  console.log(restored.previous ? `The replaced database was moved to ${restored.previous}` : 'There was no database there before.');
  console.log('Run `npm run check` to verify the ledger, then start the server.');
} catch (error) {
  if (!(error instanceof OperationRefusedError || error instanceof ServerLockedError)) throw error;
  console.error(`Restore refused: ${error.message}`);
  process.exitCode = 1;
}
