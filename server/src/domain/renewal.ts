import { laterOf, plusDays, termEndDate } from './dates.ts';

export interface RenewalPlan {
  cost: number;
  remaining_after: number;
  start_date: string;
  end_date: string;
}

/** Licenses a term costs: one per user per year. */
export const termCost = (seats: number, years: number) => seats * years;

/**
 * The numbers of a renewal (DESIGN §2): the new term starts the day after the latest end, or today
 * if that is already past (no days are lost, an expired subscription restarts today).
 * A negative `remaining_after` means the pool cannot pay.
 */
export function planRenewal(input: {
  latestEnd: string | null;
  today: string;
  years: number;
  seats: number;
  balance: number;
}): RenewalPlan {
  const { latestEnd, today, years, seats, balance } = input;
  const start = latestEnd ? laterOf(plusDays(latestEnd, 1), today) : today;
  const cost = termCost(seats, years);
  return { cost, remaining_after: balance - cost, start_date: start, end_date: termEndDate(start, years) };
}
