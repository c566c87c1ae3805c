import simpleRestProvider from 'ra-data-simple-rest';
import { fetchUtils, type DataProvider, type Identifier, type RaRecord } from 'react-admin';
import type { Status } from '../status/statusStyle';
import type { OpenApiDocument } from '../apiReference/openApiModel';

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
    /** Subscriptions with more active users reported than seats. */
    over_used?: number;
    pools: DashboardPool[];
    due_by_month: DueMonth[];
};

export interface RenewParams {
    years: number;
    seats: number;
}

export interface RenewalQuote {
    /** The latest reported active users (null: none) and the fewest seats a renewal may have. */
    active_users?: number | null;
    min_seats?: number;
    pool_id: Identifier;
    manager_name: string;
    client_name: string;
    product_name: string;
    /** The years and seats quoted: by default those of the latest term. */
    years: number;
    seats: number;
    /** The latest live term is a renewal that starts after today: renewing again charges twice. */
    already_renewed: boolean;
    /** End of the latest live term ("Déjà renouvelé jusqu'au …"). */
    latest_end_date: string;
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
    product_name?: string;
    partner_id?: Identifier;
    reseller_id?: Identifier | null;
    reseller_name?: string | null;
    status: Status;
    start_date: string;
    end_date: string;
    years: number;
    seats: number;
    auto_renew: boolean;
    cancelled: boolean;
    renewed: boolean;
    /** Seats and years scheduled for the next renewal (manual or automatic), null if none. */
    next_seats?: number | null;
    next_years?: number | null;
    /** Auto-renewal gave up (the pool stayed short for the whole retry period). */
    auto_renew_exhausted?: boolean;
    /** First day of the current run of failed auto-renewal attempts, null when not failing. */
    auto_renew_failing_since?: string | null;
    /** ISO instant until which the latest renewal can be undone, null if it cannot. */
    undo_until?: string | null;
    /** The latest usage report (null: never reported), and whether it exceeds the seats. */
    active_users?: number | null;
    over_used?: boolean;
}

/** One report of GET /subscriptions/:id/usage, oldest first. */
export interface UsageReport {
    id: number;
    active_users: number;
    /** ISO UTC timestamp. */
    measured_at: string;
}

export interface NewTerm {
    id: Identifier;
    start_date: string;
    end_date: string;
    years: number;
    seats: number;
}

/** The renewed subscription, the pool's balance after it and the NEW term (its end is the message's). */
export type RenewResult = Subscription & { remaining_after: number; term: NewTerm };

/** What a seat change during the current term would cost (DESIGN §2 "Seat change"). */
export interface SeatsQuote {
    active_users?: number | null;
    min_seats?: number;
    seats: number;
    current_seats: number;
    cost: number;
    balance: number;
    remaining_after: number;
    /** Always 0: removing seats refunds nothing. */
    refund: number;
    manager_name: string;
}

export type SeatsResult = Subscription & { cost: number; remaining_after: number };

/** The answer of an undo: the record after it, and how many licenses went back to the pool. */
export type UndoResult<T extends RaRecord = RaRecord> = T & { returned: number };

/** One subscription of a bulk renewal and its own duration. */
export interface BulkLine {
    id: Identifier;
    years: number;
}

export interface BulkQuoteLine {
    id: Identifier;
    client_name: string;
    product_name: string;
    seats: number;
    years: number;
    cost: number;
    start_date: string;
    end_date: string;
    pool_id: Identifier | null;
}

export interface BulkQuotePool {
    pool_id: Identifier | null;
    manager_name: string;
    product_id: Identifier;
    balance: number;
    cost: number;
    remaining_after: number;
}

export interface BulkRenewalQuote {
    subscriptions: BulkQuoteLine[];
    pools: BulkQuotePool[];
    not_found: Identifier[];
}

export interface BulkRenewResult {
    id: Identifier;
    /** 201 renewed; 409, 404, 400 refused. */
    status: number;
    product_name?: string;
    client_name?: string;
    message?: string;
    code?: string;
    /** Figures of a refusal, e.g. {active_users} of below_active_users. */
    details?: Record<string, number | string>;
    remaining_after?: number;
    end_date?: string;
}

/** One entry of GET /subscriptions/:id/history, newest first. */
export interface HistoryEntry {
    id: string | number;
    kind: 'creation' | 'renewal' | 'auto_renewal' | 'seat_change' | 'undo';
    /** ISO UTC timestamp. */
    at: string;
    /** Display name; system actors already in the reader's language. */
    actor: string;
    start_date: string | null;
    end_date: string | null;
    years: number | null;
    seats: number | null;
    seats_from?: number | null;
    seats_to?: number | null;
    /** Licences consumed; negative when an undo gave them back. */
    cost: number;
}

/** What an invoice needs of an organisation (DESIGN §6). */
export interface LegalIdentity {
    legal_name: string | null;
    address: string | null;
    siren: string | null;
    vat_number: string | null;
}

/** GET /api/publisher: the publisher's identity, and the VAT rate setting (read-only). */
export interface Publisher extends LegalIdentity {
    vat_rate_percent: number;
}

export interface Notification extends RaRecord {
    /** pool_short: a pool that cannot pay its auto-renewals due within 14 days (no client: opens the dashboard). */
    kind: 'reminder' | 'auto_renew_failed' | 'pool_short';
    subscription_id: Identifier | null;
    client_id: Identifier | null;
    days_before: number | null;
    end_date: string | null;
    message: string;
    created_at: string;
    read: boolean;
    emailed: boolean;
}

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

/** A product added to an existing client (POST /api/clients/:id/subscriptions). */
export interface AddSubscriptionParams {
    product_id: Identifier;
    start_date: string;
    years: number;
    seats: number;
}

export type AddSubscriptionResult = Subscription & { remaining_after: number };

export type OrderStatus = 'submitted' | 'fulfilled' | 'refused' | 'cancelled';

/** A priced line of an order or invoice (DESIGN §6): integer cents excluding VAT. */
export interface DocumentLine {
    product_id: Identifier;
    quantity: number;
    unit_price_cents: number;
    total_cents: number;
}

interface DocumentAmounts {
    vat_rate_percent: number;
    total_excl_vat_cents: number;
    vat_cents: number;
    total_incl_vat_cents: number;
    lines: DocumentLine[];
}

interface BuyerSide {
    buyer_type: 'partner' | 'reseller';
    buyer_id: Identifier;
    buyer_name: string;
    partner_id: Identifier;
    reseller_id: Identifier | null;
}

export interface Order extends RaRecord, DocumentAmounts, BuyerSide {
    supplier_type: 'publisher' | 'partner';
    supplier_id: Identifier | null;
    status: OrderStatus;
    reason: string | null;
    invoice_id: Identifier | null;
    created_at: string;
}

export interface Invoice extends RaRecord, DocumentAmounts, BuyerSide {
    number: string;
    kind: 'invoice' | 'credit_note';
    issuer_type: 'publisher' | 'partner';
    issuer_id: Identifier | null;
    order_id: Identifier;
    credited_invoice_id: Identifier | null;
    credit_note_id: Identifier | null;
    issued_on: string;
    due_on: string;
}

/** GET /api/forecast: per pool in scope, what renewals due soon will need against its balance. */
export interface ForecastRow {
    pool_id: Identifier;
    holder_type: 'partner' | 'reseller';
    holder_id: Identifier;
    product_id: Identifier;
    balance: number;
    due_30: number;
    due_90: number;
    auto_due_14: number;
    shortfall_30: number;
    shortfall_90: number;
}

export interface OrderLineInput {
    product_id: Identifier;
    quantity: number;
}

// Same origin: the session cookie goes with every request ('same-origin' is fetch's default; said here
// so that a change of API_URL to another origin fails loudly rather than silently unauthenticated).
export interface Webhook extends RaRecord {
    url: string;
    events: string[];
    active: boolean;
    failing_since: string | null;
    created_at: string;
    /** Only in the answer of its creation. */
    secret?: string;
}

export interface WebhookDelivery extends RaRecord {
    webhook_id: Identifier;
    event_id: string;
    type: string;
    status: 'pending' | 'delivered' | 'failed';
    attempts: number;
    last_status_code: number | null;
    last_error: string | null;
    next_attempt_at: string | null;
    created_at: string;
}

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

/** GETs asked ahead (primeGet), each for the first getJson of its path: a path → its answer. */
const primed = new Map<string, Promise<unknown>>();
const PRIMED_TTL_MS = 10_000;

/**
 * Asks GET `path` now, before the code that will want it has even arrived (main.tsx: the dashboard's
 * figures leave with the session check, not after the console has rendered). The first getJson of
 * the same path within 10 s takes the answer; later ones ask afresh. A refusal is not kept: before a
 * login, the 401 is the login page's business, and must not reach the first query after it.
 */
export const primeGet = (path: string) => {
    const answer = httpClient(`${API_URL}${path}`).then(({ json }) => json);
    primed.set(path, answer);
    const forget = () => {
        if (primed.get(path) === answer) primed.delete(path);
    };
    answer.catch(forget);
    setTimeout(forget, PRIMED_TTL_MS);
};

const getJson = async <T>(path: string): Promise<T> => {
    const answer = primed.get(path);
    if (answer) {
        primed.delete(path);
        return answer as Promise<T>;
    }
    return (await httpClient(`${API_URL}${path}`)).json as T;
};

const base = simpleRestProvider(API_URL, httpClient);

/** ra-data-simple-rest on /api plus Cascade's actions (DESIGN §3). Errors are HttpError. */
export const dataProvider = {
    ...base,
    dashboard: (): Promise<DashboardData> => getJson('/dashboard'),
    /** The quote for these years/seats; without them, for the latest term's (the dialog's defaults). */
    renewalQuote: async (id: Identifier, params: Partial<RenewParams> = {}): Promise<RenewalQuote> => {
        const query = new URLSearchParams();
        if (params.years !== undefined) query.set('years', String(params.years));
        if (params.seats !== undefined) query.set('seats', String(params.seats));
        return getJson(`/subscriptions/${encodeURIComponent(String(id))}/renewal-quote?${query}`);
    },
    usageHistory: (id: Identifier): Promise<UsageReport[]> => getJson(`/subscriptions/${encodeURIComponent(String(id))}/usage`),
    renewalHistory: (id: Identifier): Promise<HistoryEntry[]> =>
        getJson(`/subscriptions/${encodeURIComponent(String(id))}/history`),
    renew: (id: Identifier, params: RenewParams, idempotencyKey: string): Promise<RenewResult> =>
        post(`/subscriptions/${encodeURIComponent(String(id))}/renew`, params, idempotencyKey),
    changeSeats: (id: Identifier, params: { seats: number }, idempotencyKey?: string): Promise<SeatsResult> =>
        post(`/subscriptions/${encodeURIComponent(String(id))}/seats`, params, idempotencyKey),
    seatsQuote: (id: Identifier, seats: number): Promise<SeatsQuote> => {
        const query = new URLSearchParams({ seats: String(seats) });
        return getJson<SeatsQuote>(`/subscriptions/${encodeURIComponent(String(id))}/seats-quote?${query}`);
    },
    undoRenewal: (id: Identifier, idempotencyKey: string): Promise<UndoResult<Subscription>> =>
        post(`/subscriptions/${encodeURIComponent(String(id))}/undo-renewal`, {}, idempotencyKey),
    undoClientCreation: (id: Identifier, idempotencyKey: string): Promise<UndoResult> =>
        post(`/clients/${encodeURIComponent(String(id))}/undo`, {}, idempotencyKey),
    /** `{ids}` quotes each line at its latest term's years; `{lines}` at the years given per line. */
    bulkRenewalQuote: (request: { ids: Identifier[] } | { lines: BulkLine[] }): Promise<BulkRenewalQuote> => {
        const query =
            'ids' in request
                ? new URLSearchParams({ ids: request.ids.join(',') })
                : new URLSearchParams({ lines: request.lines.map(line => `${line.id}:${line.years}`).join(',') });
        return getJson(`/subscriptions/bulk-renewal-quote?${query}`);
    },
    bulkRenew: (subscriptions: BulkLine[], idempotencyKey: string): Promise<{ results: BulkRenewResult[] }> =>
        post('/subscriptions/bulk-renew', { subscriptions }, idempotencyKey),
    /** The publisher's identity on its invoices, and the VAT rate orders are submitted at. */
    publisher: (): Promise<Publisher> => getJson('/publisher'),
    updatePublisher: async (identity: LegalIdentity): Promise<Publisher> =>
        (await httpClient(`${API_URL}/publisher`, { method: 'PUT', body: JSON.stringify(identity) })).json as Publisher,
    /** The server's "today" (its clock, pinned in tests), as YYYY-MM-DD. */
    serverToday: async (): Promise<string> => (await getJson<{ today: string }>('/health')).today,
    /** How far the server's clock is ahead of this device's, in ms (a phone's clock may be wrong; tests pin the server's). */
    serverClockOffset: async (): Promise<number> => {
        const asked = Date.now();
        const { now } = await getJson<{ now: string }>('/health');
        return Date.parse(now) - (asked + Date.now()) / 2;
    },
    markNotificationRead: (id: Identifier): Promise<Notification> =>
        post(`/notifications/${encodeURIComponent(String(id))}/read`, {}),
    markAllNotificationsRead: (): Promise<{ read: number }> => post('/notifications/read-all', {}),
    allocate: (params: AllocateParams, idempotencyKey?: string): Promise<unknown> =>
        post('/allocations', params, idempotencyKey),
    grant: (params: GrantParams, idempotencyKey?: string): Promise<unknown> =>
        post('/grants', params, idempotencyKey),
    addSubscription: (clientId: Identifier, params: AddSubscriptionParams, idempotencyKey: string): Promise<AddSubscriptionResult> =>
        post(`/clients/${encodeURIComponent(String(clientId))}/subscriptions`, params, idempotencyKey),
    submitOrder: (lines: OrderLineInput[], idempotencyKey: string): Promise<Order> => post('/orders', { lines }, idempotencyKey),
    fulfilOrder: (id: Identifier, idempotencyKey: string): Promise<Order> =>
        post(`/orders/${encodeURIComponent(String(id))}/fulfil`, {}, idempotencyKey),
    refuseOrder: (id: Identifier, reason: string): Promise<Order> =>
        post(`/orders/${encodeURIComponent(String(id))}/refuse`, { reason }),
    cancelOrder: (id: Identifier): Promise<Order> => post(`/orders/${encodeURIComponent(String(id))}/cancel`, {}),
    creditInvoice: (id: Identifier, idempotencyKey: string): Promise<Invoice> =>
        post(`/invoices/${encodeURIComponent(String(id))}/credit`, {}, idempotencyKey),
    forecast: (): Promise<ForecastRow[]> => getJson('/forecast'),
    /** The OpenAPI 3.1 document of the API (the API reference page). */
    openApiDocument: (): Promise<OpenApiDocument> => getJson('/openapi.json'),
    /** "Renvoyer": the delivery is sent again now. */
    retryWebhookDelivery: (id: Identifier): Promise<WebhookDelivery> => post(`/webhook_deliveries/${encodeURIComponent(String(id))}/retry`, {}),
} satisfies DataProvider;

export type CascadeDataProvider = typeof dataProvider;
