import { describe, expect, it } from 'vitest';
import { listPricesOn, previewOrder } from '../../client/src/orders/pricing.ts';
import { centsOfEuros } from '../../client/src/misc/money.ts';

describe('the order preview of the console', () => {
  const rows = [
    { product_id: 1, unit_price_cents: 4500, valid_from: '2025-12-03' },
    { product_id: 1, unit_price_cents: 4800, valid_from: '2026-10-03' },
    { product_id: 1, unit_price_cents: 5200, valid_from: '2027-02-03' },
    { product_id: 2, unit_price_cents: 1990, valid_from: '2026-12-04' },
  ];

  it('takes per product the latest price from on or before today, none for a product priced from tomorrow', () => {
    expect([...listPricesOn(rows, '2026-12-03')]).toEqual([['1', 4800]]);
    expect(listPricesOn(rows, '2026-10-03').get('1')).toBe(4800);
  });

  it('prices each unit at the discount half-up, then the VAT once on the sum', () => {
    // 40.05 € less 10 % = 36.045 → 36.05 €; 3 × 36.05 = 108.15 €; VAT 20 % = 21.63 €
    const preview = previewOrder([{ product_id: 1, quantity: 3 }], new Map([['1', 4005]]), 10, 20);
    expect(preview.lines).toEqual([{ product_id: 1, quantity: 3, unit_price_cents: 3605, total_cents: 10_815 }]);
    expect(preview.totals).toEqual({ total_excl_vat_cents: 10_815, vat_cents: 2163, total_incl_vat_cents: 12_978 });
  });

  it('names a chosen product without a price even before its quantity is typed', () => {
    const preview = previewOrder([{ product_id: 2, quantity: null }, { product_id: '', quantity: 4 }], new Map([['1', 4005]]), 0, 20);
    expect(preview.unpriced).toEqual([2]);
    expect(preview.totals.total_incl_vat_cents).toBe(0);
  });

  it('reads a price typed in euros as exact cents, and refuses what is not one', () => {
    expect(centsOfEuros('48')).toBe(4800);
    expect(centsOfEuros('48,5')).toBe(4850);
    expect(centsOfEuros(' 0.07 ')).toBe(7);
    expect(centsOfEuros('19.99')).toBe(1999);
    for (const bad of ['', '4,005', '-3', '1e3', '12 €', '12,']) expect(centsOfEuros(bad)).toBeNull();
  });
});
