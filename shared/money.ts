/**
 * Money (DESIGN §6): integer cents of EUR, never floats. Rates (discounts, VAT) are percentages with
 * up to 2 decimals, turned into whole hundredths of a percent before any arithmetic, and every
 * division rounds half-up to the cent (amounts are never negative: a credit note says what it is).
 */

/** Hundredths of a percent in a rate: 12.5 % → 1250 (a rate has at most 2 decimals). */
export const rateHundredths = (percent: number) => Math.round(percent * 100);

/** Whether a percentage has at most 2 decimals. */
export const hasTwoDecimalsAtMost = (percent: number) => Math.abs(percent * 100 - Math.round(percent * 100)) < 1e-6;

/** numerator / denominator, rounded half-up, in exact integer arithmetic (both ≥ 0). */
function divideHalfUp(numerator: bigint, denominator: bigint): number {
  return Number((2n * numerator + denominator) / (2n * denominator));
}

/** A list price less a discount: list × (1 − discount / 100), half-up to the cent. */
export function discountedUnitPrice(listPriceCents: number, discountPercent: number): number {
  return divideHalfUp(BigInt(listPriceCents) * BigInt(10_000 - rateHundredths(discountPercent)), 10_000n);
}

/** VAT on an amount excluding VAT: amount × rate / 100, half-up to the cent. */
export function vatOn(amountCents: number, ratePercent: number): number {
  return divideHalfUp(BigInt(amountCents) * BigInt(rateHundredths(ratePercent)), 10_000n);
}

export interface PricedLine {
  product_id: number;
  quantity: number;
  unit_price_cents: number;
  total_cents: number;
}

export interface Totals {
  total_excl_vat_cents: number;
  vat_cents: number;
  total_incl_vat_cents: number;
}

/** A line at a unit price: quantity × unit price (exact: no rounding per licence). */
export const pricedLine = (productId: number, quantity: number, unitPriceCents: number): PricedLine => ({
  product_id: productId,
  quantity,
  unit_price_cents: unitPriceCents,
  total_cents: quantity * unitPriceCents,
});

/** The totals of priced lines: Σ lines excl. VAT, VAT on that sum (once, not per line), and both. */
export function totalsOf(lines: readonly PricedLine[], vatRatePercent: number): Totals {
  const excl = lines.reduce((sum, line) => sum + line.total_cents, 0);
  const vat = vatOn(excl, vatRatePercent);
  return { total_excl_vat_cents: excl, vat_cents: vat, total_incl_vat_cents: excl + vat };
}

/** What billing depends on, from the environment (config.ts): VAT_RATE_PERCENT and INVOICE_DUE_DAYS. */
export interface BillingSettings {
  vatRatePercent: number;
  invoiceDueDays: number;
}

export const DEFAULT_BILLING: BillingSettings = { vatRatePercent: 20, invoiceDueDays: 30 };
