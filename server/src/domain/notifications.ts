import type { NotificationKind } from '../db/schema.ts';
import type { Organisation } from './access.ts';
import type { ActionContext } from './context.ts';
import { transact, type Db, type Tx } from '../data/transact.ts';
import { recordEvent } from '../webhooks/outbox.ts';
import { daysBetween, plusDays } from './dates.ts';
import { dayText, textsFor, type Texts } from './texts.ts';

/**
 * Notifications (the console's bell, and e-mail when SMTP is set): reminders before an end date,
 * failed auto-renewals and pools short for their coming auto-renewals (poolShortfall.ts), for the
 * logins that manage the client or the pool: its reseller's and its partner's. An event is
 * notified once per login (unique event key).
 */

export const REMINDER_DAYS = [90, 30, 7] as const;

/** What is notified: `message` is written for each login in its own language. */
export interface NotifiedEvent {
  kind: NotificationKind;
  eventKey: string;
  message: (texts: Texts) => string;
  daysBefore?: number;
  endDate?: string;
}

/**
 * Creates the notification for each active login managing an organisation: its partner's partner
 * logins, and the reseller's logins when it is a reseller's. Once per login and event key (a rerun,
 * or a second server, adds nothing). Returns the new ids.
 */
export async function notifyOrganisation(
  tx: Tx,
  ctx: Pick<ActionContext, 'now'>,
  organisation: Organisation,
  event: NotifiedEvent,
  about: { subscriptionId: number | null; clientId: number | null } = { subscriptionId: null, clientId: null },
): Promise<number[]> {
  const logins = await tx
    .selectFrom('users')
    .select(['id', 'locale'])
    .where('active', '=', 1)
    .where((eb) =>
      eb.or([
        eb.and([eb('role', '=', 'partner'), eb('partner_id', '=', organisation.partnerId)]),
        ...(organisation.resellerId !== null ? [eb('reseller_id', '=', organisation.resellerId)] : []),
      ]),
    )
    .execute();
  const ids: number[] = [];
  for (const login of logins) {
    const inserted = await tx
      .insertInto('notifications')
      .values({
        user_id: login.id,
        kind: event.kind,
        event_key: event.eventKey,
        subscription_id: about.subscriptionId,
        client_id: about.clientId,
        days_before: event.daysBefore ?? null,
        end_date: event.endDate ?? null,
        message: event.message(textsFor(login.locale)),
        created_at: ctx.now,
      })
      .onConflict((oc) => oc.columns(['user_id', 'event_key']).doNothing())
      .returning('id')
      .executeTakeFirst();
    if (inserted) ids.push(inserted.id);
  }
  return ids;
}

/** Creates the notification for each active login managing the subscription's client; returns the new ids. */
export async function notifyManagers(tx: Tx, ctx: Pick<ActionContext, 'now'>, subscriptionId: number, event: NotifiedEvent): Promise<number[]> {
  const sub = await tx
    .selectFrom('subscriptions')
    .select(['client_id', 'partner_id', 'reseller_id'])
    .where('id', '=', subscriptionId)
    .executeTakeFirstOrThrow();
  return notifyOrganisation(tx, ctx, { partnerId: sub.partner_id, resellerId: sub.reseller_id }, event, { subscriptionId, clientId: sub.client_id });
}

/** The reminder threshold a term ending in `daysLeft` days has reached (the closest one), if any. */
export function reminderThreshold(daysLeft: number): number | null {
  if (daysLeft < 0) return null;
  return [...REMINDER_DAYS].reverse().find((d) => daysLeft <= d) ?? null;
}

/**
 * Daily reminders at 90, 30 and 7 days before the end of a subscription that is neither renewed
 * nor cancelled. A day the job did not run is caught up: the closest threshold reached is notified.
 */
export async function runReminders(db: Db, today: string, now: string): Promise<number[]> {
  const due = await db
    .selectFrom('subscriptions')
    .select(['id', 'client_name', 'latest_end'])
    .where('archived', '=', 0)
    .where('cancelled', '=', 0)
    .where('status', 'in', ['active', 'expiring'])
    .where('latest_end', '>=', today)
    .where('latest_end', '<=', plusDays(today, REMINDER_DAYS[0]))
    .execute();
  const created: number[] = [];
  await transact(db, async (tx) => {
    for (const sub of due) {
      const days = reminderThreshold(daysBetween(today, sub.latest_end!));
      if (days === null) continue;
      created.push(
        ...(await notifyManagers(tx, { now }, sub.id, {
          kind: 'reminder',
          eventKey: `reminder:${sub.id}:${sub.latest_end}:${days}`,
          daysBefore: days,
          endDate: sub.latest_end!,
          message: (texts) => texts.notification.reminder(sub.client_name, dayText(texts, sub.latest_end!), daysBetween(today, sub.latest_end!)),
        })),
      );
      await recordEvent(tx, { type: 'subscription.expiring', subject: { resource: 'subscriptions', id: sub.id }, key: `reminder:${sub.id}:${sub.latest_end}:${days}`, now });
    }
  });
  return created;
}
