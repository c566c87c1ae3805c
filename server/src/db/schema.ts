import type { Generated, Insertable, Selectable } from 'kysely';
import type { Locale, Status } from '../../../shared/contract.ts';

/** Kysely's view of db/migrations (sqlite/ and postgres/ alike). Booleans are 0/1 integers in both. */
export type { Status };
export type MovementKind = 'grant' | 'allocate' | 'reclaim' | 'consume' | 'adjust';

export interface ProductsTable { id: Generated<number>; code: string; name: string; search_name: string }
export interface PartnersTable { id: Generated<number>; name: string; email: string; search_name: string; require_totp: Generated<number> }
export interface ResellersTable { id: Generated<number>; name: string; email: string; partner_id: number; search_name: string; require_totp: Generated<number> }

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
  | 'recovery_code_used';

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

export interface NotificationsTable {
  id: Generated<number>;
  user_id: number;
  kind: 'reminder' | 'auto_renew_failed';
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
}

export type Term = Selectable<TermsTable>;
export type Pool = Selectable<PoolsTable>;
export type NewMovement = Insertable<MovementsTable>;
