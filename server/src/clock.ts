import { TZDate } from '@date-fns/tz';
import { format } from 'date-fns';

/** The one source of "today" and "now" for every time-dependent rule. */
export interface Clock {
  /** Calendar date in the publisher's time zone, 'YYYY-MM-DD'. */
  today(): string;
  /**
   * The instant, the one way every timestamp is stored: ISO 8601 in UTC with milliseconds and Z.
   * When the date is pinned: the pinned day at the wall-clock time of day (in the publisher's zone).
   */
  now(): string;
  /** 'HH:mm' in the publisher's time zone (when the daily jobs are due). */
  timeOfDay(): string;
  /** Real elapsed time in epoch milliseconds, for session lifetimes (never pinned). */
  instant(): number;
}

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

export function isIsoDate(value: string): boolean {
  if (!ISO_DATE.test(value)) return false;
  const [y, m, d] = value.split('-').map(Number);
  const date = new Date(Date.UTC(y, m - 1, d));
  return date.getUTCFullYear() === y && date.getUTCMonth() === m - 1 && date.getUTCDate() === d;
}

/**
 * The clock the server runs on. `pinnedToday` (env TODAY) fixes the date for tests and demos;
 * `timeZone` decides when a day starts (the publisher's zone, default Europe/Paris).
 */
export function createClock(options: { timeZone: string; pinnedToday?: string }): Clock {
  const { timeZone, pinnedToday } = options;
  if (pinnedToday !== undefined && !isIsoDate(pinnedToday)) {
    throw new Error(`TODAY must be a date YYYY-MM-DD, got "${pinnedToday}"`);
  }
  // Time-zone arithmetic is costly and every request asks: it is done once per second.
  let memo = { second: Number.NaN, date: '', time: '', offset: '' };
  const wallClock = (ms: number) => {
    const second = Math.floor(ms / 1000);
    if (second !== memo.second) {
      const zoned = new TZDate(second * 1000, timeZone);
      memo = { second, date: format(zoned, 'yyyy-MM-dd'), time: format(zoned, 'HH:mm:ss'), offset: format(zoned, 'xxx') };
    }
    return memo;
  };
  return {
    today: () => pinnedToday ?? wallClock(Date.now()).date,
    now: () => {
      const ms = Date.now();
      if (pinnedToday === undefined) return new Date(ms).toISOString();
      const wall = wallClock(ms);
      return new Date(Date.parse(`${pinnedToday}T${wall.time}.${String(ms % 1000).padStart(3, '0')}${wall.offset}`)).toISOString();
    },
    timeOfDay: () => wallClock(Date.now()).time.slice(0, 5),
    instant: () => Date.now(),
  };
}

/** A clock the caller moves by hand (tests, the simulated calendar of jobs). */
export function manualClock(start: string): Clock & { set(date: string): void; advance(ms: number): void } {
  let current = start;
  let offset = 0;
  return {
    today: () => current,
    now: () => `${current}T12:00:00.000Z`,
    timeOfDay: () => '12:00',
    instant: () => Date.now() + offset,
    set(date: string) {
      if (!isIsoDate(date)) throw new Error(`not a date: ${date}`);
      current = date;
    },
    advance(ms: number) {
      offset += ms;
    },
  };
}
