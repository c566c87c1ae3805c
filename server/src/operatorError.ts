import { ConfigError } from './config.ts';
import { MigrationError } from './db/migrate.ts';
import { ServerLockedError } from './db/serverLock.ts';

/**
 * Runs a start-up step; an operator's mistake (a bad environment variable, a database of another
 * version, a database another server already uses) prints its message and exits 1, with no stack trace to read past. Other errors propagate.
 */
export function orExit<T>(step: () => T): T {
  try {
    return step();
  } catch (error) {
    if (!(error instanceof ConfigError || error instanceof MigrationError || error instanceof ServerLockedError)) throw error;
    console.error(`Cascade cannot start: ${error.message}`);
    process.exit(1);
  }
}
