/** Integer cents of EUR shown in the reader's language (1 234,50 € / €1,234.50). */
export const formatCents = (cents: number, locale: string): string =>
    new Intl.NumberFormat(locale, { style: 'currency', currency: 'EUR' }).format(cents / 100);
