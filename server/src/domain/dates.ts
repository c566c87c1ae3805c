import { addDays, addMonths, addYears, differenceInCalendarDays, format, parseISO } from 'date-fns';

/**
 * Calendar arithmetic on 'YYYY-MM-DD' strings. Months and years clamp to the end of the month
 * as date-fns does (2026-11-30 + 3 months = 2027-02-28); SQL never does date math itself.
 */
const toIso = (d: Date) => format(d, 'yyyy-MM-dd');

export const plusDays = (date: string, days: number) => toIso(addDays(parseISO(date), days));
export const plusMonths = (date: string, months: number) => toIso(addMonths(parseISO(date), months));
export const plusYears = (date: string, years: number) => toIso(addYears(parseISO(date), years));

/** Number of days from `from` to `to` (positive when `to` is later). */
export const daysBetween = (from: string, to: string) =>
  differenceInCalendarDays(parseISO(to), parseISO(from));

/** Last valid day of a term of `years` years starting on `start` (end dates are inclusive). */
export const termEndDate = (start: string, years: number) => plusDays(plusYears(start, years), -1);

export const laterOf = (a: string, b: string) => (a > b ? a : b);

/** First day of the month of `date`, as 'YYYY-MM'. */
export const monthOf = (date: string) => date.slice(0, 7);
