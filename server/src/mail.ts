import nodemailer from 'nodemailer';
import type { Logger } from 'pino';
import type { Db } from './db/connection.ts';

/**
 * E-mail for notifications, through the SMTP server of SMTP_URL (e.g. smtp://user:pass@host:587).
 * Each notification is e-mailed once: `emailed_at` is set after the server accepted it.
 */
export interface Mailer {
  sendNotifications(ids: readonly number[]): Promise<number>;
}

export function createMailer(db: Db, options: { smtpUrl: string; from: string; logger: Logger; now: () => string }): Mailer {
  const transport = nodemailer.createTransport(options.smtpUrl);
  return {
    async sendNotifications(ids) {
      if (ids.length === 0) return 0;
      const pending = await db
        .selectFrom('notifications')
        .innerJoin('users', 'users.id', 'notifications.user_id')
        .select(['notifications.id', 'notifications.message', 'notifications.kind', 'users.email', 'users.name'])
        .where('notifications.id', 'in', ids)
        .where('notifications.emailed_at', 'is', null)
        .execute();
      let sent = 0;
      for (const n of pending) {
        try {
          await transport.sendMail({
            from: options.from,
            to: { name: n.name, address: n.email },
            subject: n.kind === 'reminder' ? 'Cascade : abonnement à renouveler' : 'Cascade : renouvellement automatique en échec',
            text: `${n.message}\n\nOuvrez la console Cascade pour renouveler.`,
          });
          await db.updateTable('notifications').set({ emailed_at: options.now() }).where('id', '=', n.id).execute();
          sent++;
        } catch (error) {
          // Left unsent (emailed_at null); the bell still shows it.
          options.logger.warn({ err: error, notification: n.id }, 'notification e-mail not sent');
        }
      }
      return sent;
    },
  };
}
