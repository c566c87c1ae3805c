import { describe, expect, it } from 'vitest';
import { clientState, expiringFrom, subscriptionState, type TermLike } from '../../server/src/domain/status.ts';
import { termEndDate } from '../../server/src/domain/dates.ts';

const TODAY = '2026-11-26';
const term = (start_date: string, end_date: string, seats = 5): TermLike => ({ start_date, end_date, years: 1, seats });
const statusOf = (terms: TermLike[], cancelled = false, today = TODAY) => subscriptionState(terms, cancelled, today).status;

describe('term dates', () => {
  it('a term of Y years ends the day before the same date Y years later', () => {
    expect(termEndDate('2026-11-26', 1)).toBe('2027-11-25');
    expect(termEndDate('2026-01-01', 2)).toBe('2027-12-31');
  });
  it('clamps a 29 February start like date-fns', () => {
    expect(termEndDate('2028-02-29', 1)).toBe('2029-02-27');
  });
});

describe('status of a subscription (DESIGN §2, first matching rule wins)', () => {
  it('not_started: no current term and a future one', () => {
    expect(statusOf([term('2026-12-01', '2027-11-30')])).toBe('not_started');
  });
  it('renewed: a current term and a later one', () => {
    expect(statusOf([term('2026-01-01', '2026-12-31'), term('2027-01-01', '2027-12-31')])).toBe('renewed');
  });
  it('renewed wins over cancelled', () => {
    expect(statusOf([term('2026-01-01', '2026-12-31'), term('2027-01-01', '2027-12-31')], true)).toBe('renewed');
  });
  it('cancelled: the flag set, whatever the dates', () => {
    expect(statusOf([term('2026-01-01', '2026-12-31')], true)).toBe('cancelled');
    expect(statusOf([term('2025-01-01', '2025-12-31')], true)).toBe('cancelled');
  });
  it('expired: the last term ended before today', () => {
    expect(statusOf([term('2025-11-26', '2026-11-25')])).toBe('expired');
  });
  it('expired: a subscription without any term', () => {
    expect(statusOf([])).toBe('expired');
  });
  it('on its end date a term is still current', () => {
    expect(statusOf([term('2025-11-27', '2026-11-26')])).toBe('expiring');
  });
  it('a term starting today is current', () => {
    expect(statusOf([term('2026-11-26', '2027-11-25')])).toBe('active');
  });
  it('ending exactly 3 months from today is active, one day less is expiring', () => {
    expect(statusOf([term('2026-01-01', '2027-02-26')])).toBe('active');
    expect(statusOf([term('2026-01-01', '2027-02-25')])).toBe('expiring');
  });
  it('the 3-month window clamps at month ends (2026-11-30 + 3 months = 2027-02-28)', () => {
    expect(statusOf([term('2026-01-01', '2027-02-28')], false, '2026-11-30')).toBe('active');
    expect(statusOf([term('2026-01-01', '2027-02-27')], false, '2026-11-30')).toBe('expiring');
  });
  it('active: the current term ends later than the window', () => {
    expect(statusOf([term('2026-06-01', '2027-05-31')])).toBe('active');
  });
});

describe('the term a subscription shows', () => {
  const past = term('2024-01-01', '2024-12-31', 3);
  const current = term('2026-01-01', '2026-12-31', 7);
  const next = term('2027-01-01', '2027-12-31', 9);
  const later = term('2028-01-01', '2028-12-31', 11);
  it('is the current term when there is one (a renewed subscription keeps its current end date)', () => {
    expect(subscriptionState([past, current, next], false, TODAY).shown).toBe(current);
  });
  it('else the earliest future term', () => {
    expect(subscriptionState([later, next], false, TODAY).shown).toBe(next);
  });
  it('else the latest past term', () => {
    expect(subscriptionState([past, term('2025-01-01', '2025-12-31', 4)], false, TODAY).shown?.seats).toBe(4);
  });
});

describe('when the derived status must be recomputed', () => {
  it('an active term becomes expiring on the first day its end falls inside the window', () => {
    const end = '2027-05-31';
    const from = expiringFrom(end, 3);
    expect(from).toBe('2027-03-01');
    expect(statusOf([term('2026-06-01', end)], false, from)).toBe('expiring');
    expect(statusOf([term('2026-06-01', end)], false, '2027-02-28')).toBe('active');
  });
  it('status_until is that day for an active term, the day after the end for an expiring one', () => {
    expect(subscriptionState([term('2026-06-01', '2027-05-31')], false, TODAY).until).toBe('2027-03-01');
    expect(subscriptionState([term('2026-01-01', '2026-12-31')], false, TODAY).until).toBe('2027-01-01');
  });
  it('an expired subscription only changes with a write', () => {
    expect(subscriptionState([term('2025-01-01', '2025-12-31')], false, TODAY).until).toBeNull();
  });
  it('a not-started subscription changes when its term starts', () => {
    expect(subscriptionState([term('2026-12-01', '2027-11-30')], false, TODAY).until).toBe('2026-12-01');
  });
});

describe('status of a client', () => {
  it('is its most urgent subscription: expired > expiring > active > renewed > not_started > cancelled', () => {
    const order = ['expired', 'expiring', 'active', 'renewed', 'not_started', 'cancelled'] as const;
    for (let i = 0; i < order.length; i++) {
      const subs = order.slice(i).map((status, k) => ({ status, end_date: `2027-0${k + 1}-01` }));
      expect(clientState(subs.reverse()).status).toBe(order[i]);
    }
  });
  it("shows the end date of the subscription giving the status, the earliest on a tie", () => {
    const state = clientState([
      { status: 'active', end_date: '2027-01-01' },
      { status: 'expiring', end_date: '2027-02-10' },
      { status: 'expiring', end_date: '2027-01-20' },
    ]);
    expect(state).toEqual({ status: 'expiring', endDate: '2027-01-20', toRenew: true });
  });
  it('is to renew when any subscription is expiring or expired, never for cancelled ones', () => {
    expect(clientState([{ status: 'cancelled', end_date: '2026-12-01' }]).toRenew).toBe(false);
    expect(clientState([{ status: 'active', end_date: '2028-01-01' }, { status: 'expired', end_date: '2025-01-01' }]).toRenew).toBe(true);
  });
});
