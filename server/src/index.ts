import pino from 'pino';
import { createApp } from './app.ts';
import { createClock } from './clock.ts';
import { databasePath, loadConfig } from './config.ts';
import { startCheckpointer } from './db/checkpoints.ts';
import { isPostgresUrl, openStore, redactedUrl } from './db/open.ts';
import { commitsSettled } from './data/transact.ts';
import { waitForServerLock } from './db/serverLock.ts';
import { ensureFirstAdmin } from './domain/auth/firstAdmin.ts';
import { startDailyScheduler } from './jobs/daily.ts';
import { createMailer } from './mail.ts';
import { retentionOf } from './domain/retention.ts';
import { createReadCache } from './http/readCache.ts';
import { orExit, orExitAsync } from './operatorError.ts';
import { gracefulShutdown } from './shutdown.ts';
import { createDeliveryWorker } from './webhooks/worker.ts';

/** Boot: validate the environment (before the database is touched), open and migrate the database, listen. */
const config = orExit(() => loadConfig());
const logger = pino({ level: config.LOG_LEVEL });
const clock = createClock({ timeZone: config.TIME_ZONE, pinnedToday: config.TODAY });
const connection = await orExitAsync(async () => {
  // SQLite: <db>.users/<pid>.server markers: a restore refuses while a server uses the file; a server
  // starting during a restore waits up to 15 s for it, then refuses. Several servers may share the file.
  if (!isPostgresUrl(config.DATABASE_URL)) await waitForServerLock(databasePath(config.DATABASE_URL), 15_000);
  return openStore(config.DATABASE_URL, { poolSize: config.PG_POOL_SIZE });
});
const applied = await orExitAsync(() => connection.migrate());
const checkpointer = connection.sqliteFile === null || connection.sqliteFile === ':memory:' ? null : startCheckpointer(connection.sqliteFile);
if (applied.length) logger.info({ applied }, 'migrations applied');

const firstAdmin = await ensureFirstAdmin(connection.db, config, clock.now());
if (firstAdmin === 'created') logger.info({ email: config.ADMIN_EMAIL }, 'first admin login created');
if (firstAdmin === 'missing') {
  logger.warn('No login exists yet: set ADMIN_EMAIL and ADMIN_PASSWORD (10+ characters) and restart to create the first admin');
}

const readCache = createReadCache(clock.instant);
let stopping = false;
const app = createApp({
  db: connection.db,
  clock,
  logger,
  staticDir: config.STATIC_DIR,
  trustProxy: config.TRUST_PROXY,
  readCache,
  changedElsewhere: connection.changedElsewhere,
  stopping: () => stopping,
  timeZone: config.TIME_ZONE,
  billing: { vatRatePercent: config.VAT_RATE_PERCENT, invoiceDueDays: config.INVOICE_DUE_DAYS },
  apiKeyRateLimit: config.API_KEY_RATE_LIMIT,
  webhookTargets: { allowPrivate: config.WEBHOOK_ALLOW_PRIVATE },
});
const mailer = config.SMTP_URL ? createMailer(connection.db, { smtpUrl: config.SMTP_URL, from: config.MAIL_FROM, logger, now: clock.now }) : null;
const stopScheduler =
  config.DAILY_JOBS_AT === 'off' ? () => {} : startDailyScheduler(connection.db, clock, {
        at: config.DAILY_JOBS_AT,
        mailer,
        logger,
        afterRun: () => readCache.invalidate(),
        retention: retentionOf(config),
      });

// Webhook deliveries: every server sends what is due, each delivery by one of them at a time.
const webhookWorker = createDeliveryWorker(connection.db, {
  clock,
  logger,
  retryBaseMs: config.WEBHOOK_RETRY_BASE_MS,
  pollMs: config.WEBHOOK_POLL_MS,
  allowPrivate: config.WEBHOOK_ALLOW_PRIVATE,
  afterRun: () => readCache.invalidate(),
});
webhookWorker.start();

const server = app.listen(config.PORT, () => {
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : config.PORT;
  logger.info({ port, database: redactedUrl(config.DATABASE_URL), today: clock.today() }, 'Cascade listening');
});

gracefulShutdown(server, logger, config.SHUTDOWN_TIMEOUT_MS, {
  notReady: () => (stopping = true),
  stopScheduler,
  stopWorkers: () => webhookWorker.stop(),
  commitsSettled: () => commitsSettled(connection.db),
  closeDatabase: async () => {
    await checkpointer?.stop();
    await connection.close();
  },
});
