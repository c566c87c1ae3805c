import nodemailer, { type SendMailOptions } from 'nodemailer';
import type { Logger } from 'pino';
import type { Db } from './data/transact.ts';
import { textsFor } from './domain/texts.ts';

/**
 * E-mail for notifications, through the SMTP server of SMTP_URL (e.g. smtp://user:pass@host:587).
 * Every notification's e-mail starts `pending`; it becomes `sent` once the server accepted it. A
 * failed send is tried again after each delay of EMAIL_RETRY_DELAYS_MS in turn (the mail server
 * may be down for hours); when they are used up the e-mail is `failed`, with its last error.
 * The scheduler calls `sendDue` every minute, so a retry happens within a minute of being due.
 */

/** 1 min, 5 min, 30 min, 2 h, 12 h: six tries over about 15 hours. */
export const EMAIL_RETRY_DELAYS_MS = [1, 5, 30, 120, 720].map((minutes) => minutes * 60_000);

/** While one process sends an e-mail, others leave it alone for this long (a claim, not a lock). */
const SENDING_CLAIM_MS = 10 * 60_000;
const BATCH = 200;

export interface MailSummary {
  sent: number;
  /** Failed this time, to be tried again later. */
  retrying: number;
  /** Failed for the last time. */
  failed: number;
}

export interface Mailer {
  /** Sends every pending e-mail that is due (new, or whose retry time has come). */
  sendDue(): Promise<MailSummary>;
}

/** What the mailer needs of nodemailer's transport; tests pass one that fails on purpose. */
export interface MailTransport {
  sendMail(message: SendMailOptions): Promise<unknown>;
}

export interface MailerOptions {
  /** SMTP_URL; ignored when `transport` is given. */
  smtpUrl?: string;
  transport?: MailTransport;
  from: string;
  logger: Logger;
  now: () => string;
}

const later = (now: string, ms: number) => new Date(Date.parse(now) + ms).toISOString();

export function createMailer(db: Db, options: MailerOptions): Mailer {
  // Bounded waits (nodemailer's socket timeout is 10 min): a mail server that hangs must not hold
  // the scheduler's check, which also runs the day's jobs, for long.
  const transport: MailTransport =
    options.transport ?? nodemailer.createTransport({ url: options.smtpUrl, connectionTimeout: 20_000, greetingTimeout: 20_000, socketTimeout: 60_000 });

  /** Takes the e-mail for this run; false when another run took it or it is no longer due. */
  async function claim(id: number, now: string): Promise<boolean> {
    const claimed = await db
      .updateTable('notifications')
      .set({ email_next_attempt_at: later(now, SENDING_CLAIM_MS) })
      .where('id', '=', id)
      .where('email_status', '=', 'pending')
      .where((eb) => eb.or([eb('email_next_attempt_at', 'is', null), eb('email_next_attempt_at', '<=', now)]))
      .executeTakeFirst();
    return claimed.numUpdatedRows > 0n;
  }

  async function sendDueOnce(): Promise<MailSummary> {
    const summary: MailSummary = { sent: 0, retrying: 0, failed: 0 };
    const now = options.now();
    const due = await db
      .selectFrom('notifications')
      .innerJoin('users', 'users.id', 'notifications.user_id')
      .select(['notifications.id', 'notifications.message', 'notifications.kind', 'notifications.email_attempts', 'users.email', 'users.name', 'users.locale'])
      .where('notifications.email_status', '=', 'pending')
      .where((eb) => eb.or([eb('notifications.email_next_attempt_at', 'is', null), eb('notifications.email_next_attempt_at', '<=', now)]))
      .orderBy('notifications.id')
      .limit(BATCH)
      .execute();
    for (const n of due) {
      if (!(await claim(n.id, now))) continue;
      const attempts = n.email_attempts + 1;
      // In the recipient's language, as the notification's message already is.
      const texts = textsFor(n.locale);
      try {
        await transport.sendMail({
          from: options.from,
          to: { name: n.name, address: n.email },
          subject: texts.mail.subject[n.kind],
          text: `${n.message}\n\n${texts.mail.footer}`,
        });
        await db
          .updateTable('notifications')
          .set({ email_status: 'sent', emailed_at: options.now(), email_attempts: attempts, email_next_attempt_at: null, email_last_error: null })
          .where('id', '=', n.id)
          .execute();
        summary.sent++;
      } catch (error) {
        const message = (error instanceof Error ? error.message : String(error)).slice(0, 500);
        const delay = EMAIL_RETRY_DELAYS_MS[attempts - 1];
        const gaveUp = delay === undefined;
        await db
          .updateTable('notifications')
          .set({
            email_status: gaveUp ? 'failed' : 'pending',
            email_attempts: attempts,
            email_next_attempt_at: gaveUp ? null : later(options.now(), delay),
            email_last_error: message,
          })
          .where('id', '=', n.id)
          .execute();
        if (gaveUp) summary.failed++;
        else summary.retrying++;
        options.logger.warn(
          { err: error, notification: n.id, attempts, next_attempt_in_ms: delay ?? null },
          gaveUp ? 'notification e-mail failed for the last time' : 'notification e-mail not sent; will retry',
        );
      }
    }
    return summary;
  }

  // The minute's check and a daily run may call at once: one run at a time, the other shares it.
  let running: Promise<MailSummary> | null = null;
  return {
    sendDue() {
      running ??= sendDueOnce().finally(() => {
        running = null;
      });
      return running;
    },
  };
}
