import { transact, type Db } from '../data/transact.ts';
import { recordEvent } from '../webhooks/outbox.ts';
import { plusDays } from './dates.ts';

/** How many days back a subscription that became expired is still announced (a job that did not run catches up). */
export const EXPIRED_CATCH_UP_DAYS = 7;

/**
 * The daily step of `subscription.expired` (DESIGN §7): each subscription whose last term ended
 * (before today, within the catch-up window) and that is now `expired` is announced once per
 * term: the event's key names the subscription and its last end, so reruns and other servers
 * record nothing more. Resolves to the events recorded.
 */
export async function recordExpirations(db: Db, today: string, now: string): Promise<number> {
  const expired = await db
    .selectFrom('subscriptions')
    .select(['id', 'latest_end'])
    .where('archived', '=', 0)
    .where('status', '=', 'expired')
    .where('latest_end', '<', today)
    .where('latest_end', '>=', plusDays(today, -EXPIRED_CATCH_UP_DAYS))
    .orderBy('id')
    .execute();
  let recorded = 0;
  for (const sub of expired) {
    const id = await transact(db, (tx) =>
      recordEvent(tx, { type: 'subscription.expired', subject: { resource: 'subscriptions', id: sub.id }, key: `expired:${sub.id}:${sub.latest_end}`, now }),
    );
    if (id) recorded++;
  }
  return recorded;
}
