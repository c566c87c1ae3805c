import { describe, expect, it } from 'vitest';
import { planRenewal } from '../../server/src/domain/renewal.ts';
import { seatChangeCost } from '../../server/src/domain/proration.ts';

const TODAY = '2026-11-26';

describe('renewal numbers', () => {
  it('pool 50, 12 seats × 2 years: costs 24 and leaves 26', () => {
    const plan = planRenewal({ latestEnd: '2027-01-15', today: TODAY, years: 2, seats: 12, balance: 50 });
    expect(plan.cost).toBe(24);
    expect(plan.remaining_after).toBe(26);
  });
  it('a short pool gives a negative remainder', () => {
    expect(planRenewal({ latestEnd: '2027-01-15', today: TODAY, years: 3, seats: 20, balance: 50 }).remaining_after).toBe(-10);
  });
  it('an active subscription renews from the day after its end: no day is lost', () => {
    const plan = planRenewal({ latestEnd: '2027-06-30', today: TODAY, years: 1, seats: 1, balance: 10 });
    expect(plan).toMatchObject({ start_date: '2027-07-01', end_date: '2028-06-30' });
  });
  it('an expiring subscription renews from the day after its end', () => {
    expect(planRenewal({ latestEnd: '2026-12-10', today: TODAY, years: 2, seats: 1, balance: 10 })).toMatchObject({
      start_date: '2026-12-11',
      end_date: '2028-12-10',
    });
  });
  it('an expired subscription restarts today', () => {
    expect(planRenewal({ latestEnd: '2026-10-31', today: TODAY, years: 1, seats: 1, balance: 10 })).toMatchObject({
      start_date: TODAY,
      end_date: '2027-11-25',
    });
  });
  it('a subscription ending yesterday restarts today, one ending today continues tomorrow', () => {
    expect(planRenewal({ latestEnd: '2026-11-25', today: TODAY, years: 1, seats: 1, balance: 1 }).start_date).toBe(TODAY);
    expect(planRenewal({ latestEnd: TODAY, today: TODAY, years: 1, seats: 1, balance: 1 }).start_date).toBe('2026-11-27');
  });
  it('an already renewed subscription adds after its latest term', () => {
    expect(planRenewal({ latestEnd: '2028-03-31', today: TODAY, years: 1, seats: 1, balance: 1 }).start_date).toBe('2028-04-01');
  });
});

describe('seat change during a term (prorata)', () => {
  const term = { years: 1, termStart: '2026-01-01', termEnd: '2026-12-31' };
  it('charges the full term for seats added on its first day', () => {
    expect(seatChangeCost({ ...term, addedSeats: 3, today: '2026-01-01' })).toBe(3);
  });
  it('rounds the prorata up to whole licenses', () => {
    // 36 of 365 days left: 2 × 1 × 36 / 365 = 0.197… → 1
    expect(seatChangeCost({ ...term, addedSeats: 2, today: '2026-11-26' })).toBe(1);
    // 183 of 365 days left: 10 × 183 / 365 = 5.01… → 6
    expect(seatChangeCost({ ...term, addedSeats: 10, today: '2026-07-02' })).toBe(6);
  });
  it('counts today through the end date, so the last day still costs one license', () => {
    expect(seatChangeCost({ ...term, addedSeats: 1, today: '2026-12-31' })).toBe(1);
  });
  it('multiplies by the term years', () => {
    expect(seatChangeCost({ addedSeats: 4, years: 2, termStart: '2026-01-01', termEnd: '2027-12-31', today: '2026-01-01' })).toBe(8);
  });
  it('removing seats costs nothing (and refunds nothing)', () => {
    expect(seatChangeCost({ ...term, addedSeats: -5, today: '2026-06-01' })).toBe(0);
  });
});
