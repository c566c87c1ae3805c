import { daysBetween } from './dates.ts';

/**
 * Licenses charged for adding `addedSeats` to a term mid-way (DESIGN §2): the share of the term
 * still to run, counted today through the end date, rounded up to whole licenses.
 * Removing seats costs nothing and refunds nothing.
 */
export function seatChangeCost(input: {
  addedSeats: number;
  years: number;
  termStart: string;
  termEnd: string;
  today: string;
}): number {
  const { addedSeats, years, termStart, termEnd, today } = input;
  if (addedSeats <= 0) return 0;
  const termDays = daysBetween(termStart, termEnd) + 1;
  const remainingDays = Math.min(termDays, Math.max(0, daysBetween(today, termEnd) + 1));
  // Integer arithmetic first so the rounding is exact.
  return Math.ceil((addedSeats * years * remainingDays) / termDays);
}
