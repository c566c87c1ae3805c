import simpleRestProvider from 'ra-data-simple-rest';
import { fetchUtils, type DataProvider, type Identifier, type RaRecord } from 'react-admin';
import type { Status } from '../subscriptions/statusStyle';

export const API_URL = '/api';

export interface DashboardPool {
    id: Identifier;
    holder_type: 'partner' | 'reseller';
    holder_id: Identifier;
    holder_name: string;
    product_id: Identifier;
    product_code: string;
    balance: number;
}

export interface DueMonth {
    month: string; // YYYY-MM
    subscriptions: number;
    seats: number;
}

export type DashboardData = Record<Status, number> & {
    clients_to_renew: number;
    pools: DashboardPool[];
    due_by_month: DueMonth[];
};

export interface RenewParams {
    years: number;
    seats: number;
}

export interface RenewalQuote {
    pool_id: Identifier;
    manager_name: string;
    client_name: string;
    balance: number;
    cost: number;
    remaining_after: number;
    start_date: string;
    end_date: string;
}

export interface Subscription extends RaRecord {
    client_id: Identifier;
    client_name?: string;
    product_id: Identifier;
    partner_id?: Identifier;
    reseller_id?: Identifier | null;
    status: Status;
    start_date: string;
    end_date: string;
    years: number;
    seats: number;
    auto_renew: boolean;
    cancelled: boolean;
    renewed: boolean;
}

export type RenewResult = Subscription & { remaining_after: number };

export interface AllocateParams {
    product_id: Identifier;
    reseller_id: Identifier;
    /** Negative = reclaim from the reseller back to its partner. */
    quantity: number;
}

export interface GrantParams {
    product_id: Identifier;
    partner_id: Identifier;
    quantity: number;
    reason?: string;
}

// Same origin: the session cookie goes with every request ('same-origin' is fetch's default; said here
// so that a change of API_URL to another origin fails loudly rather than silently unauthenticated).
const httpClient = (url: string, options: fetchUtils.Options = {}) =>
    fetchUtils.fetchJson(url, { credentials: 'same-origin', ...options });

const post = async <T>(path: string, body: unknown, idempotencyKey?: string): Promise<T> => {
    const headers = new Headers({ Accept: 'application/json' });
    if (idempotencyKey) headers.set('Idempotency-Key', idempotencyKey);
    const { json } = await httpClient(`${API_URL}${path}`, {
        method: 'POST',
        body: JSON.stringify(body),
        headers,
    });
    return json as T;
};

const base = simpleRestProvider(API_URL, httpClient);

/** ra-data-simple-rest on /api plus Cascade's actions (DESIGN §3). Errors are HttpError. */
export const dataProvider = {
    ...base,
    dashboard: async (): Promise<DashboardData> => {
        const { json } = await httpClient(`${API_URL}/dashboard`);
        return json as DashboardData;
    },
    renewalQuote: async (id: Identifier, { years, seats }: RenewParams): Promise<RenewalQuote> => {
        const query = new URLSearchParams({ years: String(years), seats: String(seats) });
        const { json } = await httpClient(
            `${API_URL}/subscriptions/${encodeURIComponent(String(id))}/renewal-quote?${query}`,
        );
        return json as RenewalQuote;
    },
    renew: (id: Identifier, params: RenewParams, idempotencyKey: string): Promise<RenewResult> =>
        post(`/subscriptions/${encodeURIComponent(String(id))}/renew`, params, idempotencyKey),
    changeSeats: (id: Identifier, params: { seats: number }, idempotencyKey?: string): Promise<Subscription> =>
        post(`/subscriptions/${encodeURIComponent(String(id))}/seats`, params, idempotencyKey),
    allocate: (params: AllocateParams, idempotencyKey?: string): Promise<unknown> =>
        post('/allocations', params, idempotencyKey),
    grant: (params: GrantParams, idempotencyKey?: string): Promise<unknown> =>
        post('/grants', params, idempotencyKey),
} satisfies DataProvider;

export type CascadeDataProvider = typeof dataProvider;
