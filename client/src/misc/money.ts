/** Integer cents of EUR shown in the reader's language (1 234,50 € / €1,234.50). */
export const formatCents = (cents: number, locale: string): string =>
    new Intl.NumberFormat(locale, { style: 'currency', currency: 'EUR' }).format(cents / 100);

/** A price typed in euros ("48", "48,5", "48.50") as integer cents, or null if it is not one (at most 2 decimals). */
export const centsOfEuros = (text: string): number | null => {
    const match = /^\s*(\d{1,9})(?:[.,](\d{1,2}))?\s*$/.exec(text);
    if (!match) return null;
    return Number(match[1]) * 100 + Number((match[2] ?? '').padEnd(2, '0'));
};

/** A percentage rate (20, 5.5) as the reader writes numbers ("5,5" in French); "…" while unknown. */
export const formatRate = (rate: number | undefined, locale: string): string =>
    rate === undefined ? '…' : new Intl.NumberFormat(locale, { maximumFractionDigits: 2 }).format(rate);
