import { afterEach, describe, expect, it, vi } from 'vitest';
import { createClock } from '../../server/src/clock.ts';

describe('the clock', () => {
  afterEach(() => vi.useRealTimers());

  it("gives the publisher's date: 23:30 UTC on 26 November is already the 27th in Paris", () => {
    vi.useFakeTimers();
    vi.setSystemTime(new Date('2026-11-26T23:30:00.250Z'));
    const clock = createClock({ timeZone: 'Europe/Paris' });
    expect(clock.today()).toBe('2026-11-27');
    // Stored in UTC, whatever the zone (issue 12: one timestamp format).
    expect(clock.now()).toBe('2026-11-26T23:30:00.250Z');
    expect(clock.timeOfDay()).toBe('00:30');
    vi.setSystemTime(new Date('2026-11-26T22:59:59.999Z'));
    expect(clock.today()).toBe('2026-11-26');
  });

  it('TODAY pins the date and keeps the time of day', () => {
    vi.useFakeTimers();
    vi.setSystemTime(new Date('2026-07-14T08:15:00.000Z'));
    const clock = createClock({ timeZone: 'Europe/Paris', pinnedToday: '2026-02-01' });
    expect(clock.today()).toBe('2026-02-01');
    // 10:15 in Paris today (+02:00), kept as the time of the pinned day: 08:15 UTC.
    expect(clock.now()).toBe('2026-02-01T08:15:00.000Z');
  });

  it('refuses a TODAY that is not a date', () => {
    expect(() => createClock({ timeZone: 'Europe/Paris', pinnedToday: '2026-02-30' })).toThrow(/TODAY/);
  });
});
