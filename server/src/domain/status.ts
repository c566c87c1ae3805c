import { STATUSES, TO_RENEW_STATUSES, type Status } from '../../../shared/contract.ts';
import { laterOf, plusDays, plusMonths } from './dates.ts';
import { settings } from './settings.ts';

export type { Status };

export interface TermLike {
  start_date: string;
  end_date: string;
  years: number;
  seats: number;
}

export interface SubscriptionState<T extends TermLike> {
  status: Status;
  /** The term the subscription shows: the current one, else the earliest future, else the latest past. */
  shown: T | null;
  renewed: boolean;
  toRenew: boolean;
  latestEnd: string | null;
  /** First day after `today` on which status or shown term may change; null if only a write can. */
  until: string | null;
}

export { STATUSES };

/**
 * First day d with end < d + window: from then on a term ending on `end` is "expiring".
 * plusMonths clamps but never decreases, so a short walk from end − window finds it.
 */
export function expiringFrom(end: string, windowMonths: number): string {
  // Clamping moves a day by at most 3 days either way; the bound of 8 steps means no input can
  // make these walks endless.
  let day = plusMonths(end, -windowMonths);
  for (let i = 0; i < 8 && plusMonths(day, windowMonths) <= end; i++) day = plusDays(day, 1);
  for (let i = 0; i < 8 && plusMonths(plusDays(day, -1), windowMonths) > end; i++) day = plusDays(day, -1);
  return day;
}

/** Status of one subscription on `today` (DESIGN §2, first matching rule wins). */
export function subscriptionState<T extends TermLike>(
  terms: readonly T[],
  cancelled: boolean,
  today: string,
  windowMonths: number = settings.expiringWindowMonths,
): SubscriptionState<T> {
  const byStart = [...terms].sort((a, b) => a.start_date.localeCompare(b.start_date));
  const current = byStart.filter((t) => t.start_date <= today && today <= t.end_date).at(-1) ?? null;
  const future = byStart.filter((t) => t.start_date > today);
  const past = byStart.filter((t) => t.end_date < today);
  const latestPast = past.reduce<T | null>((a, t) => (a && a.end_date >= t.end_date ? a : t), null);
  const latestEnd = byStart.reduce<string | null>((a, t) => (a && a > t.end_date ? a : t.end_date), null);

  let status: Status;
  if (!current && future.length > 0) status = 'not_started';
  else if (current && future.length > 0) status = 'renewed';
  else if (cancelled) status = 'cancelled';
  else if (!current) status = 'expired';
  else if (current.end_date < plusMonths(today, windowMonths)) status = 'expiring';
  else status = 'active';

  // The state changes when a term starts or ends, or when the current term enters the window.
  const changes = [
    ...future.map((t) => t.start_date),
    ...byStart.filter((t) => t.end_date >= today).map((t) => plusDays(t.end_date, 1)),
  ];
  if (current && status === 'active') changes.push(laterOf(expiringFrom(current.end_date, windowMonths), plusDays(today, 1)));
  const until = changes.length ? changes.reduce((a, b) => (a < b ? a : b)) : null;

  return {
    status,
    shown: current ?? future[0] ?? latestPast,
    renewed: status === 'renewed',
    toRenew: TO_RENEW_STATUSES.includes(status),
    latestEnd,
    until,
  };
}

export interface ClientState {
  status: Status;
  endDate: string | null;
  toRenew: boolean;
}

/** A client's status: the most urgent of its subscriptions; its end date is that subscription's (earliest on a tie). */
export function clientState(subscriptions: readonly { status: Status; end_date: string | null }[]): ClientState {
  if (subscriptions.length === 0) return { status: 'expired', endDate: null, toRenew: false };
  const rank = (s: Status) => STATUSES.indexOf(s);
  const top = subscriptions.reduce((a, b) => {
    if (rank(b.status) !== rank(a.status)) return rank(b.status) < rank(a.status) ? b : a;
    return (b.end_date ?? '9999') < (a.end_date ?? '9999') ? b : a;
  });
  return {
    status: top.status,
    endDate: top.end_date,
    toRenew: subscriptions.some((s) => TO_RENEW_STATUSES.includes(s.status)),
  };
}
