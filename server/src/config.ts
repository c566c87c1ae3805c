import { z } from 'zod';
import { isIsoDate } from './clock.ts';
import { DIST_PUBLIC_DIR } from './paths.ts';

/** Whether Intl knows the IANA zone (the clock would otherwise throw a bare RangeError later). */
function isTimeZone(zone: string): boolean {
  try {
    new Intl.DateTimeFormat('en', { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}

/** Environment of the server, validated once at start (a bad value stops the boot with its name). */
const EnvSchema = z.object({
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  DATABASE_URL: z
    .string()
    .regex(/^(file:.+|postgres(ql)?:\/\/.+)/, 'must look like file:path/to/cascade.db or postgres://user:password@host:5432/cascade')
    .default('file:data/cascade.db'),
  // PostgreSQL only: connections each server keeps open (the database's max_connections is shared by all servers).
  PG_POOL_SIZE: z.coerce.number().int('must be a whole number').min(1).max(500).default(10),
  TODAY: z.string().refine(isIsoDate, 'must be a date YYYY-MM-DD').optional(),
  TIME_ZONE: z
    .string()
    .refine(isTimeZone, { error: (issue) => `unknown time zone ${String(issue.input)}` })
    .default('Europe/Paris'),
  STATIC_DIR: z.string().default(DIST_PUBLIC_DIR),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  // Daily jobs (auto-renewal, reminders) run at this time of the publisher's day; "off" disables them.
  DAILY_JOBS_AT: z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$|^off$/, 'must be HH:MM or off').default('02:00'),
  // E-mail for notifications, e.g. smtp://user:password@mail.example.com:587 (unset: bell only).
  SMTP_URL: z.string().regex(/^smtps?:\/\//, 'must start with smtp:// or smtps://').optional(),
  MAIL_FROM: z.string().default('Cascade <cascade@localhost>'),
  // Retention, pruned by the daily jobs (the ledger is never pruned).
  IDEMPOTENCY_KEY_RETENTION_HOURS: z.coerce.number().int('must be a whole number of hours').min(1).max(8760).default(48),
  ACCESS_LOG_RETENTION_DAYS: z.coerce.number().int('must be a whole number of days').min(1).max(36500).default(365),
  CHANGE_LOG_RETENTION_DAYS: z.coerce.number().int('must be a whole number of days').min(1).max(36500).default(730),
  ADMIN_EMAIL: z.string().optional(),
  ADMIN_PASSWORD: z.string().optional(),
  // Express "trust proxy": a hop count or the proxies' addresses (e.g. "loopback"). Not "true":
  // trusting every X-Forwarded-For would let anyone pick their IP and dodge the login rate limit.
  TRUST_PROXY: z
    .string()
    .refine((v) => v !== 'true', 'must be a hop count or addresses (e.g. loopback), not true')
    .optional()
    .transform((v) => (v === undefined || v === 'false' ? false : /^\d+$/.test(v) ? Number(v) : v)),
  // On SIGTERM/SIGINT, how long in-flight requests may take before every connection is closed.
  // Billing (DESIGN §6): the VAT rate frozen on each order (up to 2 decimals) and an invoice's term.
  VAT_RATE_PERCENT: z.coerce.number().min(0).max(100).refine((v) => Number.isInteger(v * 100), 'at most 2 decimals').default(20),
  INVOICE_DUE_DAYS: z.coerce.number().int('must be a whole number of days').min(0).max(365).default(30),
  // Requests one API key may make per minute (DESIGN §7), counted in the database across servers.
  API_KEY_RATE_LIMIT: z.coerce.number().int('must be a whole number').min(1).max(1_000_000).default(600),
  SHUTDOWN_TIMEOUT_MS: z.coerce.number().int().min(0).max(600_000).default(10_000),
  // Webhooks (DESIGN §7): the first retry's delay (doubling at each failure), how often each server
  // looks for due deliveries, and whether endpoints may be private or loopback addresses.
  WEBHOOK_RETRY_BASE_MS: z.coerce.number().int('must be a whole number of ms').min(1).max(86_400_000).default(30_000),
  WEBHOOK_POLL_MS: z.coerce.number().int('must be a whole number of ms').min(50).max(3_600_000).default(2_000),
  WEBHOOK_ALLOW_PRIVATE: z.enum(['true', 'false'], { error: 'must be true or false' }).default('false').transform((v) => v === 'true'),
});

export type Config = z.infer<typeof EnvSchema>;

/** A bad environment variable; its message names each one (the boot prints it, no stack trace). */
export class ConfigError extends Error {
  override name = 'ConfigError';
}

export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const parsed = EnvSchema.safeParse(env);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${i.path.join('.')}: ${i.message}`);
    throw new ConfigError(`Invalid environment:\n${lines.join('\n')}`);
  }
  return parsed.data;
}

/** Path of the SQLite file named by a DATABASE_URL ('file:data/cascade.db' → 'data/cascade.db'). */
export function databasePath(url: string): string {
  if (!url.startsWith('file:')) throw new ConfigError(`This command works on a SQLite database (DATABASE_URL=file:…), not on ${url.split(':')[0]}`);
  return url.replace(/^file:/, '');
}
