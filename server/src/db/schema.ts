import type { Generated, Insertable, Selectable } from 'kysely';

/** Kysely's view of db/migrations. SQLite booleans are 0/1 integers. */
export type Status = 'not_started' | 'renewed' | 'cancelled' | 'expired' | 'expiring' | 'active';
export type MovementKind = 'grant' | 'allocate' | 'reclaim' | 'consume' | 'adjust';

export interface ProductsTable { id: Generated<number>; code: string; name: string; search_name: string }
export interface PartnersTable { id: Generated<number>; name: string; email: string; search_name: string }
export interface ResellersTable { id: Generated<number>; name: string; email: string; partner_id: number; search_name: string }

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
}

export interface TermsTable {
  id: Generated<number>;
  subscription_id: number;
  start_date: string;
  end_date: string;
  years: number;
  seats: number;
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
  actor: string;
  key: string;
  fingerprint: string;
  status: number;
  body: string;
  created_at: string;
}

export interface MetaTable { key: string; value: string }

export interface Database {
  products: ProductsTable;
  partners: PartnersTable;
  resellers: ResellersTable;
  pools: PoolsTable;
  clients: ClientsTable;
  subscriptions: SubscriptionsTable;
  terms: TermsTable;
  movements: MovementsTable;
  idempotency_keys: IdempotencyKeysTable;
  meta: MetaTable;
}

export type Term = Selectable<TermsTable>;
export type Pool = Selectable<PoolsTable>;
export type NewMovement = Insertable<MovementsTable>;
