import { addDays, addMonths, addYears, differenceInCalendarDays } from 'date-fns';

/**
 * Calendar arithmetic on 'YYYY-MM-DD' strings. Months and years clamp to the end of the month
 * as date-fns does (2026-11-30 + 3 months = 2027-02-28); SQL never does date math itself.
 */
/** Dates the API accepts and stores (DESIGN §8): four-digit years, so text order is date order. */
export const DATE_MIN = '2000-01-01';
export const DATE_MAX = '2999-12-31';

// Parsing and printing by hand: date-fns' parseISO/format are ten times slower, and the seed and
// the daily roll run these hundreds of thousands of times. setFullYear, because the Date
// constructor reads years 0-99 as 1900-1999.
function parseIso(date: string): Date {
  const d = new Date(2000, 0, 1);
  d.setFullYear(+date.slice(0, 4), +date.slice(5, 7) - 1, +date.slice(8, 10));
  return d;
}
const pad = (n: number) => (n < 10 ? `0${n}` : `${n}`);
/** A date that is not one (NaN) or has no four-digit year throws: it must never reach a comparison. */
function toIso(d: Date): string {
  const year = d.getFullYear();
  if (!(year >= 0 && year <= 9999)) throw new RangeError(`Date out of range: ${d.getTime()}`);
  return `${String(year).padStart(4, '0')}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`;
}

export const plusDays = (date: string, days: number) => toIso(addDays(parseIso(date), days));
export const plusMonths = (date: string, months: number) => toIso(addMonths(parseIso(date), months));
export const plusYears = (date: string, years: number) => toIso(addYears(parseIso(date), years));

/** Number of days from `from` to `to` (positive when `to` is later). */
export const daysBetween = (from: string, to: string) =>
  differenceInCalendarDays(parseIso(to), parseIso(from));

/** Last valid day of a term of `years` years starting on `start` (end dates are inclusive). */
export const termEndDate = (start: string, years: number) => plusDays(plusYears(start, years), -1);

export const laterOf = (a: string, b: string) => (a > b ? a : b);

/** First day of the month of `date`, as 'YYYY-MM'. */
export const monthOf = (date: string) => date.slice(0, 7);
