import type { Updateable } from 'kysely';
import { findPool } from '../data/pools.ts';
import { findSubscription, insertTerm, productName, liveTermsOf, lockClient, markRenewed, type Subscription } from '../data/subscriptions.ts';
import type { Tx } from '../data/transact.ts';
import { recordEvent } from '../webhooks/outbox.ts';
import type { SubscriptionsTable, TermOrigin } from '../db/schema.ts';
import { manages, type Scope } from './access.ts';
import { changedValues, fieldChanges, recordChangeOf } from './changes.ts';
import type { ActionContext } from './context.ts';
import { refreshSubscriptions } from './derived.ts';
import { NotFoundError, ValidationError } from './errors.ts';
import { managerOfClient, type Manager } from './hierarchy.ts';
import { move, poolFor } from './ledger.ts';
import { seatChangeCost } from './proration.ts';
import { planRenewal, type RenewalPlan } from './renewal.ts';
import { settings } from './settings.ts';
import { subscriptionState } from './status.ts';
import { latestOf, undoDeadline } from './terms.ts';
import { textsFor } from './texts.ts';
import { requireSeatsCoverUsers, seatFloor } from './usage.ts';
import { DEFAULT_LOCALE } from '../../../shared/contract.ts';

export type { Subscription };

/**
 * The one scope check of every subscription action: a subscription the caller does not manage is
 * unknown to it (404), exactly like a missing one, so ids do not leak.
 */
export async function loadSubscription(tx: Tx, id: number, scope: Scope, lockingClient = false): Promise<Subscription> {
  const sub = await findSubscription(tx, id, { lockingClient });
  if (!sub || !manages(scope, { partnerId: sub.partner_id, resellerId: sub.reseller_id })) throw new NotFoundError('Subscription', id);
  return sub;
}

/** Who asks and on which day: what a quote needs to know. */
type Asker = Pick<ActionContext, 'scope' | 'today'>;

export interface RenewalQuote extends RenewalPlan {
  /** Null while the manager has never held this product (its balance is then 0). */
  pool_id: number | null;
  balance: number;
  manager_name: string;
  client_name: string;
  seats: number;
  years: number;
  /** The latest live term is a renewal (manual, bulk or automatic) that has not started yet: renewing again charges twice. */
  already_renewed: boolean;
  /** End of the latest live term ("Déjà renouvelé jusqu'au …"); null without any term. */
  latest_end_date: string | null;
  /** The latest reported active users (null: never reported), and the fewest seats a renewal may have. */
  active_users: number | null;
  min_seats: number;
}

/**
 * What a renewal would cost and leave. Seats and years default to the change scheduled for the
 * next renewal, else to the latest term's. Reads only.
 */
export async function quoteRenewal(
  tx: Tx,
  { scope, today }: Asker,
  id: number,
  input: { years?: number; seats?: number },
  /** For the renewal itself: the client's row stays locked (see lockClient). */
  lockingClient = false,
): Promise<RenewalQuote & { manager: Manager; subscription: Subscription }> {
  const sub = await loadSubscription(tx, id, scope, lockingClient);
  const latest = latestOf(await liveTermsOf(tx, id));
  const manager = await managerOfClient(tx, sub.client_id);
  const pool = await findPool(tx, manager, sub.product_id);
  const balance = pool?.balance ?? 0;
  const seats = input.seats ?? sub.next_seats ?? latest?.seats ?? 1;
  const years = input.years ?? sub.next_years ?? latest?.years ?? 1;
  const plan = planRenewal({ latestEnd: latest?.end_date ?? null, today, years, seats, balance });
  return {
    pool_id: pool?.id ?? null,
    balance,
    manager_name: manager.name,
    client_name: sub.client_name,
    seats,
    years,
    // A renewal that covers the term now due (in advance, or an expired one restarted today): one
    // more click would charge the client twice. Once due again, renewing is the expected action.
    already_renewed: latest !== null && latest.origin !== 'creation' && !sub.to_renew,
    latest_end_date: latest?.end_date ?? null,
    active_users: sub.active_users,
    min_seats: seatFloor(sub),
    ...plan,
    manager,
    subscription: sub,
  };
}

/** The term a renewal added, as its answer shows it. */
export interface NewTermSummary {
  id: number;
  start_date: string;
  end_date: string;
  years: number;
  seats: number;
}

/**
 * Renews a subscription (DESIGN §2): one transaction that debits the manager's pool if it can
 * pay (409 otherwise), records the ledger row, appends the term, clears `cancelled` and any
 * scheduled change, and opens the undo window. A subscription out of the caller's scope is unknown (404).
 * Resolves to the pool's remaining balance and the new term.
 */
export async function renewSubscription(
  tx: Tx,
  ctx: ActionContext,
  id: number,
  input: { years?: number; seats?: number },
  origin: Exclude<TermOrigin, 'creation'> = 'renewal',
): Promise<{ remaining_after: number; term: NewTermSummary }> {
  let quote = await quoteRenewal(tx, ctx, id, input, true);
  // An auto-renewal renews at least the active users; any other renewal below them is refused.
  if (origin === 'auto_renewal' && quote.seats < quote.min_seats) quote = await quoteRenewal(tx, ctx, id, { ...input, seats: quote.min_seats }, true);
  requireSeatsCoverUsers(quote.subscription, quote.seats);
  const sub = quote.subscription;
  const termId = await insertTerm(tx, {
    subscription_id: id,
    start_date: quote.start_date,
    end_date: quote.end_date,
    years: quote.years,
    seats: quote.seats,
    created_at: ctx.now,
    origin,
  });
  await markRenewed(tx, sub, undoDeadline(ctx.now, settings.undoWindowDays));
  await refreshSubscriptions(tx, [id], ctx.today, { clientsLocked: true });
  await recordEvent(tx, { type: 'subscription.renewed', subject: { resource: 'subscriptions', id }, now: ctx.now });
  // The debit comes last: from it to the commit the pool's row is locked (on PostgreSQL), and every
  // renewal paid from that pool, at any server, waits for it. A short pool still rolls everything back.
  const { remaining } = await move(tx, ctx, {
    kind: 'consume',
    productId: sub.product_id,
    quantity: quote.cost,
    fromPoolId: quote.pool_id ?? (await poolFor(tx, quote.manager, sub.product_id)).id,
    toPoolId: null,
    subscriptionId: id,
    clientId: sub.client_id,
    termId,
  });
  return {
    remaining_after: remaining!,
    term: { id: termId, start_date: quote.start_date, end_date: quote.end_date, years: quote.years, seats: quote.seats },
  };
}

/** A renewal quote as the renew dialog shows it: with the product's name (the renewal itself does without). */
export async function quoteRenewalOf(tx: Tx, asker: Asker, id: number, input: { years?: number; seats?: number }) {
  const { manager: _manager, subscription, ...quote } = await quoteRenewal(tx, asker, id, input);
  return { ...quote, product_name: await productName(tx, subscription.product_id) };
}

/** The current term and what adding seats to it would cost now (DESIGN §2 prorata). Reads only. */
export async function quoteSeatChange(tx: Tx, { scope, today }: Asker, id: number, seats: number) {
  const sub = await loadSubscription(tx, id, scope);
  const terms = await liveTermsOf(tx, id);
  const current = subscriptionState(terms, sub.cancelled === 1, today).shown;
  if (!current || current.start_date > today || current.end_date < today) {
    const error = new ValidationError('The subscription has no term running today', { seats: 'No current term' });
    error.code = 'no_current_term';
    throw error;
  }
  const cost = seatChangeCost({
    addedSeats: seats - current.seats,
    years: current.years,
    termStart: current.start_date,
    termEnd: current.end_date,
    today,
  });
  const manager = await managerOfClient(tx, sub.client_id);
  const balance = (await findPool(tx, manager, sub.product_id))?.balance ?? 0;
  return { sub, current, manager, cost, balance, current_seats: current.seats, seats, remaining_after: balance - cost, refund: 0, active_users: sub.active_users, min_seats: seatFloor(sub) };
}

/**
 * Changes the seats of the current term. Adding seats costs the prorated licenses; removing seats
 * takes effect at once and refunds nothing. A change scheduled for the next renewal is cancelled.
 */
export async function changeSeats(
  tx: Tx,
  ctx: ActionContext,
  id: number,
  seats: number,
): Promise<{ cost: number; remaining_after: number | null }> {
  await lockClient(tx, { subscriptionId: id });
  const { sub, current, manager, cost } = await quoteSeatChange(tx, ctx, id, seats);
  requireSeatsCoverUsers(sub, seats);
  let remaining: number | null = null;
  if (cost > 0) {
    const pool = await poolFor(tx, manager, sub.product_id);
    ({ remaining } = await move(tx, ctx, {
      kind: 'consume',
      productId: sub.product_id,
      quantity: cost,
      fromPoolId: pool.id,
      toPoolId: null,
      subscriptionId: id,
      clientId: sub.client_id,
      termId: current.id,
      reason: textsFor(ctx.locale ?? DEFAULT_LOCALE).reason.seatsAdded(current.seats, seats),
    }));
  }
  await tx.updateTable('terms').set({ seats }).where('id', '=', current.id).execute();
  if (seats !== current.seats) await tx
    .insertInto('seat_changes')
    .values({ subscription_id: id, term_id: current.id, seats_from: current.seats, seats_to: seats, cost, actor: ctx.actor, created_at: ctx.now })
    .execute();
  await tx.updateTable('subscriptions').set({ next_seats: null, next_years: null }).where('id', '=', id).execute();
  await refreshSubscriptions(tx, [id], ctx.today);
  await recordChangeOf(tx, ctx, 'subscriptions', sub, 'change_seats', { seats: { from: current.seats, to: seats } });
  return { cost, remaining_after: remaining };
}

export interface SubscriptionSettings {
  auto_renew?: boolean;
  cancelled?: boolean;
  /** Seats and years for the next renewal; null clears the scheduled change. */
  next_seats?: number | null;
  next_years?: number | null;
}

/** What a user may set on a subscription without moving licenses. */
export async function updateSubscriptionSettings(tx: Tx, ctx: ActionContext, id: number, changes: SubscriptionSettings): Promise<void> {
  await lockClient(tx, { subscriptionId: id });
  const sub = await loadSubscription(tx, id, ctx.scope);
  const changed = changedValues(sub, changes);
  if (Object.keys(changed).length === 0) return;
  if (changed.next_seats != null) requireSeatsCoverUsers(sub, changed.next_seats, 'next_seats');
  const set: Updateable<SubscriptionsTable> = {};
  if (changed.auto_renew !== undefined) {
    set.auto_renew = changed.auto_renew ? 1 : 0;
    // Switching it on again starts afresh after an exhausted run of attempts.
    set.auto_renew_exhausted = 0;
    set.auto_renew_failing_since = null;
  }
  if (changed.cancelled !== undefined) set.cancelled = changed.cancelled ? 1 : 0;
  if (changed.next_seats !== undefined) set.next_seats = changed.next_seats;
  if (changed.next_years !== undefined) set.next_years = changed.next_years;
  await tx.updateTable('subscriptions').set(set).where('id', '=', id).execute();
  await refreshSubscriptions(tx, [id], ctx.today);
  await recordChangeOf(tx, ctx, 'subscriptions', sub, 'update', fieldChanges(sub, changed));
}
