/**
 * Every date the console shows goes through this module, so French and English read alike
 * everywhere: fr "02/12/2026" and "02/12/2026 14:05", en "2 Dec 2026" and "2 Dec 2026, 14:05".
 * Calendar dates travel as 'YYYY-MM-DD' strings and are formatted from their parts, never through
 * `new Date(string)` in local time, so no time zone can shift the day. Timestamps (ISO 8601 UTC) are
 * shown in the user's time zone.
 */
const EN_MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
// Intl's own short names ('fr-FR', month: 'short'), written out: the first Intl.DateTimeFormat of a
// page loads its locale data, ~25 ms of the phone's first screen for twelve axis labels.
const FR_SHORT_MONTHS = ['janv.', 'févr.', 'mars', 'avr.', 'mai', 'juin', 'juil.', 'août', 'sept.', 'oct.', 'nov.', 'déc.'];

const pad = (n: number) => String(n).padStart(2, '0');

const dateText = (year: number, month: number, day: number, locale: string) =>
    locale === 'fr' ? `${pad(day)}/${pad(month)}/${year}` : `${day} ${EN_MONTHS[month - 1]} ${year}`;

/** 'YYYY-MM-DD' → '02/12/2026' (fr) or '2 Dec 2026' (en); anything else as it came. */
export const formatDate = (value: unknown, locale: string): string => {
    if (typeof value !== 'string' || value === '') return '';
    const match = /^(\d{4})-(\d{2})-(\d{2})/.exec(value);
    if (!match) return value;
    return dateText(Number(match[1]), Number(match[2]), Number(match[3]), locale);
};

/** An instant (ISO 8601) → '02/12/2026 14:05' (fr) or '2 Dec 2026, 14:05' (en), in the user's time zone. */
export const formatDateTime = (value: unknown, locale: string): string => {
    if (typeof value !== 'string' || value === '') return '';
    const date = new Date(value);
    if (Number.isNaN(date.getTime())) return value;
    const day = dateText(date.getFullYear(), date.getMonth() + 1, date.getDate(), locale);
    const time = `${pad(date.getHours())}:${pad(date.getMinutes())}`;
    return locale === 'fr' ? `${day} ${time}` : `${day}, ${time}`;
};

/** 'YYYY-MM' → 'janv. 27' / 'Jan 27' for the chart axis. */
export const formatMonth = (month: string, locale: string): string => {
    const match = /^(\d{4})-(\d{2})$/.exec(month);
    if (!match) return month;
    const names = locale === 'fr' ? FR_SHORT_MONTHS : EN_MONTHS;
    return `${names[Number(match[2]) - 1]} ${match[1].slice(2)}`;
};

/** Today as 'YYYY-MM-DD' in the browser's time zone (default for new terms). */
export const todayIso = (now: Date = new Date()): string =>
    `${now.getFullYear()}-${pad(now.getMonth() + 1)}-${pad(now.getDate())}`;

/** 'YYYY-MM-DD' → 'dd/mm/yyyy' for a date input (day first in both languages, as the console shows dates); anything else (a date being typed) as it came. */
export const dateInputText = (value: unknown): string => {
    if (typeof value !== 'string') return '';
    const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
    return match ? `${match[3]}/${match[2]}/${match[1]}` : value;
};

/**
 * A typed 'd/m/yyyy' (or 'd.m.yyyy', 'd-m-yyyy') → 'YYYY-MM-DD' when it names a real calendar day;
 * otherwise the text as typed, which the input's validation then refuses.
 */
export const parseDateInput = (text: string): string => {
    const match = /^\s*(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})\s*$/.exec(text);
    if (!match) return text;
    const [day, month, year] = [Number(match[1]), Number(match[2]), Number(match[3])];
    const date = new Date(Date.UTC(year, month - 1, day));
    if (date.getUTCFullYear() !== year || date.getUTCMonth() !== month - 1 || date.getUTCDate() !== day) return text;
    return `${year}-${pad(month)}-${pad(day)}`;
};

/** Whether a value is a 'YYYY-MM-DD' calendar date (what parseDateInput makes of a valid typed date). */
export const isIsoDate = (value: unknown): boolean => typeof value === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(value);
