import { parseArgs } from 'node:util';
import { z } from 'zod';

/** Parses `--name value` options of a CLI with a zod schema; a bad value exits with its name. */
export function parseCliOptions<S extends z.ZodObject>(schema: S, argv = process.argv.slice(2)): z.infer<S> {
  const names = Object.keys(schema.shape);
  const { values } = parseArgs({
    args: argv,
    options: Object.fromEntries(names.map((n) => [n, { type: 'string' as const }])),
    strict: true,
  });
  const parsed = schema.safeParse(values);
  if (!parsed.success) {
    for (const issue of parsed.error.issues) console.error(`--${issue.path.join('.')}: ${issue.message}`);
    process.exit(2);
  }
  return parsed.data;
}
