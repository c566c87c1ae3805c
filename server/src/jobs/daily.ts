import type { Logger } from 'pino';
import type { Clock } from '../clock.ts';
import type { Db } from '../db/connection.ts';
import { runAutoRenewal, type AutoRenewalSummary } from '../domain/autoRenewal.ts';
import { runReminders } from '../domain/notifications.ts';
import { rollDerivedTo } from '../domain/derived.ts';
import type { Mailer } from '../mail.ts';

/**
 * The daily jobs: auto-renewals first (so reminders are not sent for what just renewed), then
 * reminders, then the e-mails of the notifications both created. Safe to run twice on one day.
 */
export async function runDailyJobs(
  db: Db,
  day: { today: string; now: string },
  mailer: Mailer | null,
): Promise<AutoRenewalSummary & { notifications: number; emails: number }> {
  // Statuses first: reminders read them.
  await db.transaction().execute((tx) => rollDerivedTo(tx, day.today));
  const before = await db.selectFrom('notifications').select((eb) => eb.fn.max('id').as('max')).executeTakeFirstOrThrow();
  const renewals = await runAutoRenewal(db, day.today, day.now);
  await runReminders(db, day.today, day.now);
  const created = await db
    .selectFrom('notifications')
    .select('id')
    .where('id', '>', Number(before.max ?? 0))
    .execute();
  const ids = created.map((n) => n.id);
  const emails = mailer ? await mailer.sendNotifications(ids) : 0;
  return { ...renewals, notifications: ids.length, emails };
}

const LAST_RUN = 'daily_jobs_last_run';

/**
 * Runs the daily jobs once a day, at `at` (HH:MM, publisher's time) or at the first check after it.
 * Checks every minute; the day of the last run is kept in the database, so a restart does not rerun.
 */
export function startDailyScheduler(
  db: Db,
  clock: Clock,
  options: { at: string; mailer: Mailer | null; logger: Logger; afterRun: () => void },
) {
  const check = async () => {
    const now = clock.now();
    const today = clock.today();
    if (now.slice(11, 16) < options.at) return;
    const last = await db.selectFrom('meta').select('value').where('key', '=', LAST_RUN).executeTakeFirst();
    if (last && last.value >= today) return;
    await db
      .insertInto('meta')
      .values({ key: LAST_RUN, value: today })
      .onConflict((oc) => oc.column('key').doUpdateSet({ value: today }))
      .execute();
    const summary = await runDailyJobs(db, { today, now }, options.mailer);
    options.afterRun();
    options.logger.info(summary, 'daily jobs done');
  };
  const timer = setInterval(() => check().catch((err) => options.logger.error({ err }, 'daily jobs failed')), 60_000);
  timer.unref();
  void check().catch((err) => options.logger.error({ err }, 'daily jobs failed'));
  return () => clearInterval(timer);
}
