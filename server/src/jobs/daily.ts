import { randomUUID } from 'node:crypto';
import type { Logger } from 'pino';
import type { Clock } from '../clock.ts';
import { transact, type Db } from '../data/transact.ts';
import { claimDay, dayDone, markDayDone, releaseDay } from '../db/dailyRuns.ts';
import { runAutoRenewal, type AutoRenewalSummary } from '../domain/autoRenewal.ts';
import { runReminders } from '../domain/notifications.ts';
import { recordExpirations } from '../domain/expirations.ts';
import { notifyPoolShortfalls, type PoolShortfall } from '../domain/poolShortfall.ts';
import { rollDerivedTo } from '../domain/derived.ts';
import { DEFAULT_RETENTION, pruneExpired, type PruneSummary, type RetentionSettings } from '../domain/retention.ts';
import type { Mailer } from '../mail.ts';

export interface DailyOptions {
  logger?: Logger;
  retention?: RetentionSettings;
  /** The real clock's epoch ms, for session expiry (defaults to Date.now()). */
  instant?: number;
}

export type DailySummary = AutoRenewalSummary & {
  notifications: number;
  emails: number;
  pruned: PruneSummary;
  /** The pools newly found short for their auto-renewals due within 14 days (domain/poolShortfall.ts). */
  poolShortfalls: PoolShortfall[];
};

/** Without a mail server, the day's new notifications say their e-mail was never sent. */
const NO_MAILER = 'No mail server configured (SMTP_URL)';

/**
 * The daily jobs: auto-renewals first (so reminders are not sent for what just renewed), then
 * reminders, then the pools short for the auto-renewals of the next 14 days, then the e-mails of the notifications both created, then the pruning of what is past
 * its retention. Safe to run twice on one day, and to rerun after a crash part-way: each
 * renewal, attempt and notification is its own commit, recorded once.
 */
export async function runDailyJobs(db: Db, day: { today: string; now: string }, mailer: Mailer | null, options: DailyOptions = {}): Promise<DailySummary> {
  // Statuses first: reminders read them.
  await transact(db, (tx) => rollDerivedTo(tx, day.today));
  const before = await db.selectFrom('notifications').select((eb) => eb.fn.max('id').as('max')).executeTakeFirstOrThrow();
  const renewals = await runAutoRenewal(db, day.today, day.now, (subscription_id, err) =>
    options.logger?.error({ err, subscription_id }, 'auto-renewal of one subscription failed unexpectedly; skipped'),
  );
  await runReminders(db, day.today, day.now);
  await recordExpirations(db, day.today, day.now);
  const poolShortfalls = await notifyPoolShortfalls(db, day.today, day.now);
  const created = await db
    .selectFrom('notifications')
    .select('id')
    .where('id', '>', Number(before.max ?? 0))
    .execute();
  const ids = created.map((n) => n.id);
  let emails = 0;
  if (mailer) emails = (await mailer.sendDue()).sent;
  else if (ids.length) {
    await db.updateTable('notifications').set({ email_status: 'failed', email_last_error: NO_MAILER }).where('id', 'in', ids).where('email_status', '=', 'pending').execute();
  }
  const pruned = await pruneExpired(db, { now: day.now, instant: options.instant ?? Date.now() }, options.retention ?? DEFAULT_RETENTION);
  return { ...renewals, notifications: ids.length, emails, pruned, poolShortfalls };
}

/** How long a claim on a day's jobs holds before another process may take over (a run takes minutes). */
const CLAIM_MS = 30 * 60_000;

export interface SchedulerOptions {
  at: string;
  mailer: Mailer | null;
  logger: Logger;
  afterRun: () => void;
  retention?: RetentionSettings;
}

/**
 * One check of the scheduler: the e-mails due for a retry, then the day's jobs if their time has
 * come and they have not run today. The day counts as done only once its run finished: a crash
 * or an error part-way leaves it undone, and the next check runs it again.
 */
export function dailyCheck(db: Db, clock: Clock, options: SchedulerOptions): () => Promise<void> {
  const claimant = randomUUID();
  const runDayIfDue = async () => {
    const now = clock.now();
    const today = clock.today();
    if (clock.timeOfDay() < options.at) return;
    if (await dayDone(db, today)) return;
    // Servers sharing the database check at the same minute: the one that claims the day runs it.
    if (!(await claimDay(db, today, claimant, clock.instant(), CLAIM_MS))) return;
    let summary: DailySummary;
    try {
      summary = await runDailyJobs(db, { today, now }, options.mailer, { logger: options.logger, retention: options.retention, instant: clock.instant() });
    } catch (error) {
      await releaseDay(db, today, claimant);
      throw error;
    } finally {
      options.afterRun(); // what committed before an error is shown too
    }
    await markDayDone(db, today, claimant, clock.now());
    if (summary.errors.length) options.logger.error(summary, 'daily jobs done; some subscriptions failed unexpectedly');
    else options.logger.info(summary, 'daily jobs done');
  };

  // E-mails whose retry is due; a failure here is logged and never stops the day's jobs.
  const sendRetries = async () => {
    if (!options.mailer) return;
    try {
      const mail = await options.mailer.sendDue();
      if (mail.sent + mail.retrying + mail.failed === 0) return;
      options.afterRun(); // the bell shows the e-mails' new state
      options.logger.info(mail, 'notification e-mails');
    } catch (err) {
      options.logger.error({ err }, 'notification e-mails: sending failed; tried again at the next check');
    }
  };

  let running = false;
  return async () => {
    if (running) return; // a long run is still going: the next check will see it done
    running = true;
    try {
      await runDayIfDue();
    } finally {
      await sendRetries();
      running = false;
    }
  };
}

/**
 * Runs the daily jobs once a day, at `at` (HH:MM, publisher's time) or at the first check after it.
 * Checks every minute; the day of the last completed run is kept in the database, so a restart
 * does not rerun it, and a run that did not complete is run again.
 */
export function startDailyScheduler(db: Db, clock: Clock, options: SchedulerOptions) {
  const check = dailyCheck(db, clock, options);
  const checkLogged = () => check().catch((err) => options.logger.error({ err }, 'daily jobs failed; tried again at the next check'));
  const timer = setInterval(checkLogged, 60_000);
  timer.unref();
  void checkLogged();
  return () => clearInterval(timer);
}
