import type { Generated, Insertable, Selectable } from 'kysely';
import type { Locale, Status } from '../../../shared/contract.ts';

/** Kysely's view of db/migrations (sqlite/ and postgres/ alike). Booleans are 0/1 integers in both. */
export type { Status };
export type MovementKind = 'grant' | 'allocate' | 'reclaim' | 'consume' | 'adjust';

export interface ProductsTable { id: Generated<number>; code: string; name: string; search_name: string }
/** What an invoice says of an organisation (migration 0016). */
export interface LegalIdentity { legal_name: string | null; address: string | null; siren: string | null; vat_number: string | null }
interface Buyer extends LegalIdentity {
  /** Percent off the list price, up to 2 decimals. */
  discount_percent: Generated<number>;
}
export interface PartnersTable extends Buyer { id: Generated<number>; name: string; email: string; search_name: string; require_totp: Generated<number> }
export interface ResellersTable extends Buyer { id: Generated<number>; name: string; email: string; partner_id: number; search_name: string; require_totp: Generated<number> }
export interface PublisherTable extends LegalIdentity { id: number }

export interface PoolsTable {
  id: Generated<number>;
  partner_id: number;
  reseller_id: number | null;
  product_id: number;
  balance: Generated<number>;
  holder_type: Generated<'partner' | 'reseller'>;
  holder_id: Generated<number>;
}

export interface ClientsTable {
  id: Generated<number>;
  name: string;
  partner_id: number;
  reseller_id: number | null;
  search_name: string;
  created_at: string;
  status: Generated<Status>;
  end_date: string | null;
  to_renew: Generated<number>;
  archived: Generated<number>;
  undo_until: string | null;
  reference: string | null;
  /** The folded reference prefixed with its manager: unique among live clients (migration 0012). */
  reference_key: string | null;
}

export interface SubscriptionsTable {
  id: Generated<number>;
  client_id: number;
  product_id: number;
  partner_id: number;
  reseller_id: number | null;
  client_name: string;
  search_name: string;
  auto_renew: Generated<number>;
  cancelled: Generated<number>;
  status: Generated<Status>;
  renewed: Generated<number>;
  to_renew: Generated<number>;
  start_date: string | null;
  end_date: string | null;
  years: number | null;
  seats: number | null;
  latest_end: string | null;
  status_until: string | null;
  next_seats: number | null;
  next_years: number | null;
  auto_renew_failing_since: string | null;
  auto_renew_exhausted: Generated<number>;
  archived: Generated<number>;
  undo_until: string | null;
  /** The latest usage report (by measured_at); null if none was ever received. */
  active_users: number | null;
  active_users_measured_at: string | null;
}

export interface TermsTable {
  id: Generated<number>;
  subscription_id: number;
  start_date: string;
  end_date: string;
  years: number;
  seats: number;
  created_at: string;
  origin: Generated<TermOrigin>;
  undone_at: string | null;
}

export type TermOrigin = 'creation' | 'renewal' | 'auto_renewal';

/** A seat change during a term (migration 0014): its own entry in the subscription's history. */
export interface SeatChangesTable {
  id: Generated<number>;
  subscription_id: number;
  term_id: number;
  seats_from: number;
  seats_to: number;
  /** Licences it consumed (0 for a reduction: no refund). */
  cost: number;
  actor: string;
  created_at: string;
}

export interface MovementsTable {
  id: Generated<number>;
  kind: MovementKind;
  product_id: number;
  quantity: number;
  from_pool_id: number | null;
  to_pool_id: number | null;
  subscription_id: number | null;
  client_id: number | null;
  term_id: number | null;
  actor: string;
  reason: string | null;
  created_at: string;
}

/** The publisher's list price of one licence-year, excluding VAT, from valid_from on (migration 0016). */
export interface PricesTable { id: Generated<number>; product_id: number; unit_price_cents: number; valid_from: string }

export type OrderStatus = 'submitted' | 'fulfilled' | 'refused' | 'cancelled';
export type BuyerType = 'partner' | 'reseller';
export type SupplierType = 'publisher' | 'partner';

interface Amounts {
  vat_rate_percent: number;
  total_excl_vat_cents: number;
  vat_cents: number;
  total_incl_vat_cents: number;
}

export interface OrdersTable extends Amounts {
  id: Generated<number>;
  buyer_type: BuyerType;
  buyer_id: number;
  supplier_type: SupplierType;
  supplier_id: number | null;
  /** The buyer's partner (itself when a partner buys), and the buying reseller: for scoping. */
  partner_id: number;
  reseller_id: number | null;
  status: Generated<OrderStatus>;
  reason: string | null;
  invoice_id: number | null;
  created_by: string;
  created_at: string;
  decided_at: string | null;
  /** Who fulfilled, refused or cancelled it. */
  decided_by: string | null;
}

export interface DocumentLinesTable { id: Generated<number>; product_id: number; quantity: number; unit_price_cents: number; total_cents: number }
export interface OrderLinesTable extends DocumentLinesTable { order_id: number }
export interface InvoiceLinesTable extends DocumentLinesTable { invoice_id: number }

export type InvoiceKind = 'invoice' | 'credit_note';

export interface InvoicesTable extends Amounts {
  id: Generated<number>;
  number: string;
  kind: InvoiceKind;
  issuer_type: SupplierType;
  issuer_id: number | null;
  /** 'publisher' or 'partner:<id>': the numbering sequence's issuer. */
  issuer_key: string;
  buyer_type: BuyerType;
  buyer_id: number;
  partner_id: number;
  reseller_id: number | null;
  order_id: number;
  credited_invoice_id: number | null;
  issued_on: string;
  due_on: string;
  created_at: string;
  /** Both parties' legal identities frozen at issue (migration 0017); legal_name falls back to the console name. */
  issuer_legal_name: string | null;
  issuer_address: string | null;
  issuer_siren: string | null;
  issuer_vat_number: string | null;
  buyer_legal_name: string | null;
  buyer_address: string | null;
  buyer_siren: string | null;
  buyer_vat_number: string | null;
}

/** The last number given per issuer, kind and year: the gapless sequences. */
export interface InvoiceCountersTable { issuer_key: string; kind: InvoiceKind; year: number; last_number: number }

export interface IdempotencyKeysTable {
  login_id: number;
  key: string;
  fingerprint: string;
  /** 0 while a multi-step action holds the key. */
  status: number;
  body: string;
  claim: string | null;
  created_at: string;
  touched_at: string;
}

export interface MetaTable { key: string; value: string }

export type Role = 'admin' | 'partner' | 'reseller';

export interface UsersTable {
  id: Generated<number>;
  email: string;
  name: string;
  role: Role;
  partner_id: number | null;
  reseller_id: number | null;
  active: Generated<number>;
  password_hash: string;
  totp_secret: string | null;
  totp_enabled: Generated<number>;
  search_name: string;
  created_at: string;
  locale: Generated<Locale>;
}

export interface SessionsTable {
  token_hash: string;
  user_id: number;
  created_at: number;
  last_seen_at: number;
  expires_at: number;
}

export interface RecoveryCodesTable { id: Generated<number>; user_id: number; code_hash: string; used_at: string | null }

export type AccessEvent =
  | 'login_success'
  | 'login_failure'
  | 'logout'
  | 'password_change'
  | 'totp_enabled'
  | 'totp_disabled'
  | 'recovery_code_used'
  | 'api_key_used';

export interface AccessLogTable {
  id: Generated<number>;
  event: AccessEvent;
  user_id: number | null;
  email: string;
  reason: string | null;
  ip: string | null;
  user_agent: string | null;
  partner_id: number | null;
  reseller_id: number | null;
  created_at: string;
  api_key_id: number | null;
}

export type ApiKeyScope = 'read' | 'write' | 'usage';

export interface ApiKeysTable {
  id: Generated<number>;
  name: string;
  prefix: string;
  secret_hash: string;
  scope: ApiKeyScope;
  partner_id: number | null;
  reseller_id: number | null;
  created_by: number | null;
  expires_at: string | null;
  last_used_at: string | null;
  revoked_at: string | null;
  created_at: string;
}

export interface UsageReportsTable {
  id: Generated<number>;
  subscription_id: number;
  active_users: number;
  measured_at: string;
  api_key_id: number | null;
  created_at: string;
}

export interface RenewalAttemptsTable {
  id: Generated<number>;
  subscription_id: number;
  run_date: string;
  outcome: 'renewed' | 'failed' | 'exhausted';
  message: string | null;
  term_id: number | null;
  created_at: string;
}

export const NOTIFICATION_KINDS = ['reminder', 'auto_renew_failed', 'pool_short'] as const;
export type NotificationKind = (typeof NOTIFICATION_KINDS)[number];

export interface NotificationsTable {
  id: Generated<number>;
  user_id: number;
  kind: NotificationKind;
  event_key: string;
  subscription_id: number | null;
  client_id: number | null;
  days_before: number | null;
  end_date: string | null;
  message: string;
  created_at: string;
  read_at: string | null;
  emailed_at: string | null;
  email_status: Generated<EmailStatus>;
  email_attempts: Generated<number>;
  /** When a pending e-mail is next tried (ISO instant); null: at once. */
  email_next_attempt_at: string | null;
  email_last_error: string | null;
}

export type EmailStatus = 'pending' | 'sent' | 'failed';

export interface ChangesTable {
  id: Generated<number>;
  actor: string;
  action: string;
  resource: string;
  record_id: number | null;
  partner_id: number | null;
  reseller_id: number | null;
  data: string | null;
  created_at: string;
}

/** express-rate-limit counters shared by every server process (db/rateLimits.ts). */
export interface RateLimitsTable {
  key: string;
  hits: number;
  /** Epoch milliseconds. */
  reset_at: number;
}

/** One row a day of daily jobs: who runs them, until when, and when they completed (jobs/daily.ts). */
export interface DailyRunsTable {
  day: string;
  claimed_by: string | null;
  claimed_until: number | null;
  done_at: string | null;
}

export type WebhookDeliveryStatus = 'pending' | 'delivered' | 'failed';

/** An organisation's endpoint (publisher: both ids null). `events` is a JSON array of event types. */
export interface WebhooksTable {
  id: Generated<number>;
  partner_id: number | null;
  reseller_id: number | null;
  url: string;
  events: string;
  /** In clear: every delivery is signed with it (HMAC); the API shows it once, at creation. */
  secret: string;
  active: Generated<number>;
  failing_since: string | null;
  created_by: string;
  created_at: string;
}

/** The outbox: one row per event, `data` the JSON record as GET answers it. */
export interface WebhookEventsTable {
  id: string;
  type: string;
  created: string;
  data: string;
  partner_id: number | null;
  reseller_id: number | null;
  dedupe_key: string | null;
}

export interface WebhookDeliveriesTable {
  id: Generated<number>;
  webhook_id: number;
  event_id: string;
  type: string;
  status: Generated<WebhookDeliveryStatus>;
  attempts: Generated<number>;
  last_status_code: number | null;
  last_error: string | null;
  response_snippet: string | null;
  next_attempt_at: string | null;
  first_attempt_at: string | null;
  last_attempt_at: string | null;
  delivered_at: string | null;
  created_at: string;
}

export interface Database {
  products: ProductsTable;
  partners: PartnersTable;
  resellers: ResellersTable;
  pools: PoolsTable;
  clients: ClientsTable;
  subscriptions: SubscriptionsTable;
  terms: TermsTable;
  seat_changes: SeatChangesTable;
  movements: MovementsTable;
  idempotency_keys: IdempotencyKeysTable;
  meta: MetaTable;
  users: UsersTable;
  sessions: SessionsTable;
  recovery_codes: RecoveryCodesTable;
  access_log: AccessLogTable;
  changes: ChangesTable;
  renewal_attempts: RenewalAttemptsTable;
  notifications: NotificationsTable;
  rate_limits: RateLimitsTable;
  daily_runs: DailyRunsTable;
  prices: PricesTable;
  publisher: PublisherTable;
  orders: OrdersTable;
  order_lines: OrderLinesTable;
  invoices: InvoicesTable;
  invoice_lines: InvoiceLinesTable;
  invoice_counters: InvoiceCountersTable;
  api_keys: ApiKeysTable;
  usage_reports: UsageReportsTable;
  webhooks: WebhooksTable;
  webhook_events: WebhookEventsTable;
  webhook_deliveries: WebhookDeliveriesTable;
}

export type Term = Selectable<TermsTable>;
export type Pool = Selectable<PoolsTable>;
export type NewMovement = Insertable<MovementsTable>;
