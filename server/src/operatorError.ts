import { ConfigError } from './config.ts';
import { MigrationError } from './db/migrate.ts';
import { ServerLockedError } from './db/serverLock.ts';

/**
 * An operator's mistake at start-up (a bad environment variable, a database of another version, a
 * database another process uses) prints its message and exits 1, with no stack trace to read past.
 * Other errors propagate.
 */
function exitOnOperatorError(error: unknown): never {
  if (!(error instanceof ConfigError || error instanceof MigrationError || error instanceof ServerLockedError)) throw error;
  console.error(`Cascade cannot start: ${error.message}`);
  process.exit(1);
}

/** Runs a start-up step, exiting on an operator's mistake (see above). */
export function orExit<T>(step: () => T): T {
  try {
    return step();
  } catch (error) {
    return exitOnOperatorError(error);
  }
}

/** The same for a step that waits (e.g. for another process to let go of the database). */
export const orExitAsync = <T>(step: () => Promise<T>): Promise<T> => step().catch(exitOnOperatorError);
