import { describe, expect, it } from 'vitest';
import { discountedUnitPrice, pricedLine, totalsOf, vatOn } from '../../shared/money.ts';

describe('money: integer cents, half-up rounding', () => {
  it('rounds a discounted unit price half-up at the half cent', () => {
    // 1,005 cents less 50 % is 502.5 cents: half-up gives 503, not banker's 502.
    expect(discountedUnitPrice(1005, 50)).toBe(503);
    // 999 less 12.5 % = 874.125 → 874; 999 less 12.55 % = 873.6255 → 874; 1001 less 0.05 % = 1000.4995 → 1000.
    expect(discountedUnitPrice(999, 12.5)).toBe(874);
    expect(discountedUnitPrice(999, 12.55)).toBe(874);
    expect(discountedUnitPrice(1001, 0.05)).toBe(1000);
    expect(discountedUnitPrice(3, 50)).toBe(2);
  });

  it('keeps the list price at 0 % and makes it free at 100 %', () => {
    expect(discountedUnitPrice(4_200, 0)).toBe(4_200);
    expect(discountedUnitPrice(4_200, 100)).toBe(0);
  });

  it('does not suffer from binary floating point (0.1 + 0.2 style) on two-decimal rates', () => {
    // 1,000 × (1 − 0.29) in floats is 709.9999…; in hundredths it is exactly 710.
    expect(discountedUnitPrice(1000, 29)).toBe(710);
    expect(discountedUnitPrice(100_000, 33.33)).toBe(66_670);
  });

  it('computes VAT once on the total, half-up at the half cent', () => {
    expect(vatOn(2_502, 20)).toBe(500); // 500.4
    expect(vatOn(2_503, 20)).toBe(501); // 500.6
    expect(vatOn(1_005, 10)).toBe(101); // 100.5 → 101
    expect(vatOn(1_000, 5.5)).toBe(55);
    expect(vatOn(101, 5.5)).toBe(6); // 5.555 → 6
  });

  it('totals lines exactly, even at sizes past 2^53 cents × rate', () => {
    const lines = [pricedLine(1, 3, 1_234), pricedLine(2, 10, 999)];
    expect(totalsOf(lines, 20)).toEqual({ total_excl_vat_cents: 3_702 + 9_990, vat_cents: 2_738, total_incl_vat_cents: 13_692 + 2_738 });
    const big = Array.from({ length: 100 }, (_, i) => pricedLine(i + 1, 1_000_000, 10_000_000));
    const totals = totalsOf(big, 20);
    expect(totals.total_excl_vat_cents).toBe(1_000_000_000_000_000);
    expect(totals.vat_cents).toBe(200_000_000_000_000);
  });
});
