import { parseArgs } from 'node:util';
import { databasePath, loadConfig } from '../config.ts';

/**
 * The arguments of an operator command (check, backup, restore): positional files and on/off
 * flags. Anything else prints the usage and exits 2, as parseCliOptions does for bad values.
 */
export function parseCommand<F extends string>(
  usage: string,
  spec: { files: number; flags?: readonly F[] },
  argv = process.argv.slice(2),
): { files: string[]; flags: Record<F, boolean> } {
  const flags = spec.flags ?? [];
  try {
    const { values, positionals } = parseArgs({
      args: argv,
      options: Object.fromEntries(flags.map((f) => [f, { type: 'boolean' as const }])),
      allowPositionals: true,
      strict: true,
    });
    if (positionals.length !== spec.files) {
      throw new Error(spec.files === 0 ? 'This command takes no file' : `Expected ${spec.files} file name(s), got ${positionals.length}`);
    }
    return { files: positionals, flags: Object.fromEntries(flags.map((f) => [f, values[f] === true])) as Record<F, boolean> };
  } catch (error) {
    usageError(usage, (error as Error).message);
  }
}

export function usageError(usage: string, message: string): never {
  console.error(`${message}\nUsage: ${usage}`);
  process.exit(2);
}

/**
 * The SQLite file of DATABASE_URL; a bad environment, or a PostgreSQL one (back it up with pg_dump),
 * stops the command with the variable's name.
 */
export function configuredDatabaseFile(): string {
  try {
    return databasePath(loadConfig().DATABASE_URL);
  } catch (error) {
    console.error((error as Error).message);
    process.exit(2);
  }
}
