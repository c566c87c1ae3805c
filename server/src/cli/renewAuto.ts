import { z } from 'zod';
import pino from 'pino';
import { createClock, isIsoDate } from '../clock.ts';
import { loadConfig } from '../config.ts';
import { openStore } from '../db/open.ts';
import { orExit, orExitAsync } from '../operatorError.ts';
import { runDailyJobs } from '../jobs/daily.ts';
import { createMailer } from '../mail.ts';
import { retentionOf } from '../domain/retention.ts';
import { parseCliOptions } from './args.ts';

/**
 * npm run renew:auto -- [--date YYYY-MM-DD]: runs the daily jobs (auto-renewal, reminders and their
 * e-mails due, retention pruning) by hand for that day (default: today) on DATABASE_URL. Running it twice changes nothing.
 */
const options = parseCliOptions(z.object({ date: z.string().refine(isIsoDate, 'must be a date YYYY-MM-DD').optional() }));
const config = orExit(() => loadConfig());
const clock = createClock({ timeZone: config.TIME_ZONE, pinnedToday: options.date ?? config.TODAY });
const connection = await orExitAsync(() => openStore(config.DATABASE_URL, { poolSize: 2 }));
await orExitAsync(() => connection.migrate());
const logger = pino({ level: config.LOG_LEVEL });
const today = clock.today();
const mailer = config.SMTP_URL ? createMailer(connection.db, { smtpUrl: config.SMTP_URL, from: config.MAIL_FROM, logger, now: clock.now }) : null;
const summary = await runDailyJobs(connection.db, { today, now: clock.now() }, mailer, { logger, retention: retentionOf(config), instant: clock.instant() });
console.log(`Daily jobs for ${today}:`, summary);
await connection.close();
