/**
 * The contract's constants (DESIGN §2–§3), defined once for the server and the console: the console
 * imports them so its forms refuse what the server would refuse, with the same bounds.
 */

/** Every status, most urgent first: a client's status is its most urgent subscription's. */
export const STATUSES = ['expired', 'expiring', 'active', 'renewed', 'not_started', 'cancelled'] as const;
export type Status = (typeof STATUSES)[number];

/** The statuses "Clients à renouveler" lists. */
export const TO_RENEW_STATUSES: readonly Status[] = ['expiring', 'expired'];

/** Bounds of a renewal's or a term's duration, in years. */
export const YEARS = { min: 1, max: 10 } as const;

/** Bounds of a term's seats (user licences). */
export const SEATS = { min: 1, max: 1_000_000 } as const;

/** The shortest password a login may have. */
export const MIN_PASSWORD_LENGTH = 10;

/** The console's languages, French first: a login's `locale`, and the language of server-made text. */
export const LOCALES = ['fr', 'en'] as const;
export type Locale = (typeof LOCALES)[number];
export const DEFAULT_LOCALE: Locale = 'fr';

/** Each status's name for people, in both languages: the console's and the server's (exports, e-mails). */
export const STATUS_LABELS: Record<Locale, Record<Status, string>> = {
  fr: {
    expired: 'Expiré',
    expiring: 'Expire bientôt',
    active: 'Actif',
    renewed: 'Renouvelé',
    not_started: 'Pas encore commencé',
    cancelled: 'Résilié',
  },
  en: {
    expired: 'Expired',
    expiring: 'Expiring soon',
    active: 'Active',
    renewed: 'Renewed',
    not_started: 'Not started yet',
    cancelled: 'Cancelled',
  },
};

/** Orders (DESIGN §6): lines per order and licences per line. */
export const ORDER = { maxLines: 100, maxQuantity: 1_000_000 } as const;

/** A list price of one licence-year, in cents excluding VAT (at most 100,000 EUR). */
export const UNIT_PRICE_CENTS = { min: 0, max: 10_000_000 } as const;

/** A discount, in percent with up to 2 decimals. */
export const DISCOUNT_PERCENT = { min: 0, max: 100 } as const;

/** The events a webhook may subscribe to (DESIGN §7). */
export const WEBHOOK_EVENTS = [
  'subscription.renewed',
  'subscription.auto_renew_failed',
  'subscription.expiring',
  'subscription.expired',
  'pool.low',
  'order.submitted',
  'order.fulfilled',
  'invoice.issued',
] as const;
export type WebhookEvent = (typeof WEBHOOK_EVENTS)[number];
