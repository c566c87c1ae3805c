/**
 * Calendar dates travel as 'YYYY-MM-DD' strings. They are formatted from their
 * parts, never through `new Date(string)`, so no time zone can shift the day.
 * French: dd/mm/yyyy; English: ISO (unambiguous for a European channel).
 */
export const formatDate = (value: unknown, locale: string): string => {
    if (typeof value !== 'string' || value === '') return '';
    const match = /^(\d{4})-(\d{2})-(\d{2})/.exec(value);
    if (!match) return value;
    const [, y, m, d] = match;
    return locale === 'fr' ? `${d}/${m}/${y}` : `${y}-${m}-${d}`;
};

/** Date and time of a timestamp such as created_at, in the user's locale. */
export const formatDateTime = (value: unknown, locale: string): string => {
    if (typeof value !== 'string' || value === '') return '';
    const date = new Date(value);
    if (Number.isNaN(date.getTime())) return value;
    return date.toLocaleString(locale === 'fr' ? 'fr-FR' : 'en-GB', {
        dateStyle: 'short',
        timeStyle: 'short',
    });
};

/** 'YYYY-MM' → 'janv. 27' / 'Jan 27' for the chart axis. */
export const formatMonth = (month: string, locale: string): string => {
    const match = /^(\d{4})-(\d{2})$/.exec(month);
    if (!match) return month;
    const date = new Date(Date.UTC(Number(match[1]), Number(match[2]) - 1, 1));
    return date.toLocaleDateString(locale === 'fr' ? 'fr-FR' : 'en-GB', {
        month: 'short',
        year: '2-digit',
        timeZone: 'UTC',
    });
};

/** Today as 'YYYY-MM-DD' in the browser's time zone (default for new terms). */
export const todayIso = (now: Date = new Date()): string => {
    const pad = (n: number) => String(n).padStart(2, '0');
    return `${now.getFullYear()}-${pad(now.getMonth() + 1)}-${pad(now.getDate())}`;
};
