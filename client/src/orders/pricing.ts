/**
 * The new-order dialog's preview of an order's amounts: the server's own money rules
 * (shared/money.ts, integer cents, half-up) applied to the buyer's prices of today.
 * The server prices the order again when it is submitted; its numbers are the truth.
 */
import type { Identifier } from 'react-admin';
import { discountedUnitPrice, pricedLine, totalsOf, type PricedLine, type Totals } from '../../../shared/money';

export interface PriceRow {
    product_id: Identifier;
    unit_price_cents: number;
    valid_from: string;
}

/** Per product, the list price on `today`: the row with the latest `valid_from` ≤ today (DESIGN §6). */
export function listPricesOn(rows: readonly PriceRow[], today: string): Map<string, number> {
    const latest = new Map<string, PriceRow>();
    for (const row of rows) {
        if (row.valid_from > today) continue;
        const key = String(row.product_id);
        const seen = latest.get(key);
        if (!seen || row.valid_from > seen.valid_from) latest.set(key, row);
    }
    return new Map([...latest].map(([key, row]) => [key, row.unit_price_cents]));
}

export interface DraftLine {
    product_id: Identifier | '';
    quantity: number | null;
}

export interface OrderPreview {
    lines: PricedLine[];
    totals: Totals;
    /** Lines whose product has no price today (the server would refuse them: no_price). */
    unpriced: Identifier[];
}

/** The priced lines and totals of a draft order, for a buyer with this discount. */
export function previewOrder(draft: readonly DraftLine[], listPrices: Map<string, number>, discountPercent: number, vatRatePercent: number): OrderPreview {
    const lines: PricedLine[] = [];
    const unpriced: Identifier[] = [];
    for (const line of draft) {
        if (line.product_id === '') continue;
        const listPrice = listPrices.get(String(line.product_id));
        if (listPrice === undefined) unpriced.push(line.product_id);
        else if (line.quantity !== null)
            lines.push(pricedLine(Number(line.product_id), line.quantity, discountedUnitPrice(listPrice, discountPercent)));
    }
    return { lines, totals: totalsOf(lines, vatRatePercent), unpriced };
}
