import { SYSTEM_SCOPE } from './access.ts';
import type { ActionContext } from './context.ts';
import { transact, type Db } from '../data/transact.ts';
import { recordEvent } from '../webhooks/outbox.ts';
import { daysBetween, plusDays } from './dates.ts';
import { InsufficientLicensesError } from './errors.ts';
import { notifyManagers } from './notifications.ts';
import { settings } from './settings.ts';
import { renewSubscription } from './subscriptions.ts';

/**
 * The daily auto-renewal (DESIGN §2): every subscription with auto_renew on, not cancelled, whose
 * latest term ends within `autoRenewLeadDays` is renewed with the same seats and years (or the change
 * scheduled for its next renewal) from its manager's pool. A short pool is a failed attempt, tried
 * again each day for `autoRenewRetryDays` after the first; then the subscription is left to expire
 * ("exhausted"). Every attempt is recorded, at most one per subscription and day, so running the
 * job twice on one day changes nothing the second time. One subscription failing for another
 * reason does not stop the run: it is listed in `errors` and skipped.
 */

export interface AutoRenewalSummary {
  date: string;
  renewed: number;
  failed: number;
  exhausted: number;
  /** Subscriptions whose attempt failed unexpectedly (not a short pool): skipped, tried again next run. */
  errors: { subscription_id: number; error: string }[];
}

export const AUTO_RENEWAL_ACTOR = 'auto-renewal';

export async function runAutoRenewal(
  db: Db,
  today: string,
  now: string,
  onError?: (subscriptionId: number, error: unknown) => void,
): Promise<AutoRenewalSummary> {
  const ctx: ActionContext = { actor: AUTO_RENEWAL_ACTOR, scope: SYSTEM_SCOPE, today, now };
  const due = await db
    .selectFrom('subscriptions')
    .select(['id', 'auto_renew_failing_since'])
    .where('archived', '=', 0)
    .where('auto_renew', '=', 1)
    .where('cancelled', '=', 0)
    .where('auto_renew_exhausted', '=', 0)
    .where('latest_end', '<=', plusDays(today, settings.autoRenewLeadDays))
    // Before the end, or after it while a run of failed attempts goes on.
    .where((eb) => eb.or([eb('latest_end', '>=', today), eb('auto_renew_failing_since', 'is not', null)]))
    .where((eb) =>
      eb.not(
        eb.exists(
          eb.selectFrom('renewal_attempts').select('id').whereRef('renewal_attempts.subscription_id', '=', 'subscriptions.id').where('run_date', '=', today),
        ),
      ),
    )
    .orderBy('latest_end')
    .orderBy('id')
    .execute();

  const summary: AutoRenewalSummary = { date: today, renewed: 0, failed: 0, exhausted: 0, errors: [] };
  for (const sub of due) {
    try {
      summary[await renewOne(db, ctx, sub)]++;
    } catch (error) {
      // Not a short pool: a bug or a broken row. Recorded and skipped, the others renew; no attempt
      // is stored, so the subscription is tried again at the next run.
      const message = error instanceof Error ? error.message : String(error);
      summary.errors.push({ subscription_id: sub.id, error: message });
      onError?.(sub.id, error);
    }
  }
  return summary;
}

/**
 * One subscription's attempt, in its own transaction: renewed, or (short pool) a failed or
 * exhausted attempt with its notification. Any other error is the caller's.
 */
async function renewOne(db: Db, ctx: ActionContext, sub: { id: number; auto_renew_failing_since: string | null }): Promise<'renewed' | 'failed' | 'exhausted'> {
  const { today, now } = ctx;
  try {
    await transact(db, async (tx) => {
      const { term } = await renewSubscription(tx, ctx, sub.id, {}, 'auto_renewal');
      await tx
        .insertInto('renewal_attempts')
        .values({ subscription_id: sub.id, run_date: today, outcome: 'renewed', term_id: term.id, created_at: now })
        .execute();
    });
    return 'renewed';
  } catch (error) {
    if (!(error instanceof InsufficientLicensesError)) throw error;
    const failingSince = sub.auto_renew_failing_since ?? today;
    const exhausted = daysBetween(failingSince, today) >= settings.autoRenewRetryDays;
    await transact(db, async (tx) => {
      await tx
        .updateTable('subscriptions')
        .set({ auto_renew_failing_since: failingSince, auto_renew_exhausted: exhausted ? 1 : 0 })
        .where('id', '=', sub.id)
        .execute();
      await tx
        .insertInto('renewal_attempts')
        .values({ subscription_id: sub.id, run_date: today, outcome: exhausted ? 'exhausted' : 'failed', message: error.message, created_at: now })
        .execute();
      await notifyManagers(tx, ctx, sub.id, {
        kind: 'auto_renew_failed',
        eventKey: `auto_renew_failed:${sub.id}:${today}`,
        message: (texts) =>
          exhausted
            ? texts.notification.autoRenewExhausted(settings.autoRenewRetryDays, error.needed, error.balance)
            : texts.notification.autoRenewFailed(error.needed, error.balance),
      });
      await recordEvent(tx, { type: 'subscription.auto_renew_failed', subject: { resource: 'subscriptions', id: sub.id }, key: `auto_renew_failed:${sub.id}:${today}`, now });
    });
    return exhausted ? 'exhausted' : 'failed';
  }
}
