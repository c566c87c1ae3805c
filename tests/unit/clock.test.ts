import { afterEach, describe, expect, it, vi } from 'vitest';
import { createClock } from '../../server/src/clock.ts';

describe('the clock', () => {
  afterEach(() => vi.useRealTimers());

  it("gives the publisher's date: 23:30 UTC on 26 November is already the 27th in Paris", () => {
    vi.useFakeTimers();
    vi.setSystemTime(new Date('2026-11-26T23:30:00.250Z'));
    const clock = createClock({ timeZone: 'Europe/Paris' });
    expect(clock.today()).toBe('2026-11-27');
    expect(clock.now()).toBe('2026-11-27T00:30:00.250+01:00');
    vi.setSystemTime(new Date('2026-11-26T22:59:59.999Z'));
    expect(clock.today()).toBe('2026-11-26');
  });

  it('TODAY pins the date and keeps the time of day', () => {
    vi.useFakeTimers();
    vi.setSystemTime(new Date('2026-07-14T08:15:00.000Z'));
    const clock = createClock({ timeZone: 'Europe/Paris', pinnedToday: '2026-02-01' });
    expect(clock.today()).toBe('2026-02-01');
    expect(clock.now()).toBe('2026-02-01T10:15:00.000+02:00');
  });

  it('refuses a TODAY that is not a date', () => {
    expect(() => createClock({ timeZone: 'Europe/Paris', pinnedToday: '2026-02-30' })).toThrow(/TODAY/);
  });
});
