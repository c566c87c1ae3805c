import { DATE_MAX, laterOf, plusDays, termEndDate } from './dates.ts';
import { ValidationError } from './errors.ts';

export interface RenewalPlan {
  cost: number;
  remaining_after: number;
  start_date: string;
  end_date: string;
}

/** The last day of a new term; a term may not end after DATE_MAX (400 naming `field`). */
export function newTermEnd(start: string, years: number, field: string): string {
  const end = termEndDate(start, years);
  if (end > DATE_MAX) {
    const error = new ValidationError(`The term would end on ${end}, after ${DATE_MAX}`, { [field]: `The term would end after ${DATE_MAX}` });
    error.code = 'date_out_of_range';
    throw error;
  }
  return end;
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
  return { cost, remaining_after: balance - cost, start_date: start, end_date: newTermEnd(start, years, 'years') };
}
