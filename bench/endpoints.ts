/** What the benchmark drives: the console's hot reads and the renewal, and their targets on each database. */

export type DatabaseKind = 'sqlite' | 'postgres';

/** Which of a database's targets applies to an endpoint. */
type Kind = 'list' | 'dashboard' | 'renewals';

export interface Endpoint {
  name: string;
  method: 'GET' | 'POST';
  /** Path and query as sent (for renewals, the first id's; each request then gets its own id). */
  path: string;
  /** Express route the floor process answers it on. */
  route: string;
  body?: string;
  kind: Kind;
}

/** An endpoint's targets: share of the floor's throughput, p99 ceiling (each only where set). */
export interface EndpointTarget {
  minFloorRatio?: number;
  maxP99Ms?: number;
}

export interface Targets {
  endpoints: Record<Kind, EndpointTarget>;
  /** The server's RSS after the benchmark; null: reported only. */
  maxRssMb: number | null;
}

/**
 * The one place the targets are written. SQLite: issue 6's. PostgreSQL: reads ≥ 0.4× floor with the
 * same p99 ceiling, renewals by their p99 only, the server's RSS reported.
 */
export const TARGETS: Record<DatabaseKind, Targets> = {
  sqlite: {
    endpoints: { list: { minFloorRatio: 0.5, maxP99Ms: 50 }, dashboard: { minFloorRatio: 0.5 }, renewals: { minFloorRatio: 0.5 } },
    maxRssMb: 250,
  },
  postgres: {
    endpoints: { list: { minFloorRatio: 0.4, maxP99Ms: 50 }, dashboard: { minFloorRatio: 0.4 }, renewals: { maxP99Ms: 50 } },
    maxRssMb: null,
  },
};

const q = (params: Record<string, unknown>) =>
  '?' + Object.entries(params).map(([k, v]) => `${k}=${encodeURIComponent(JSON.stringify(v))}`).join('&');

const page = [0, 24];
const byEndDate = ['end_date', 'ASC'];

export const READS: Endpoint[] = [
  { name: 'clients by end date', method: 'GET', route: '/api/clients', path: '/api/clients' + q({ sort: byEndDate, range: page, filter: {} }), kind: 'list' },
  { name: 'clients to renew', method: 'GET', route: '/api/clients', path: '/api/clients' + q({ sort: byEndDate, range: page, filter: { to_renew: true } }), kind: 'list' },
  { name: 'subscriptions to renew', method: 'GET', route: '/api/subscriptions', path: '/api/subscriptions' + q({ filter: { to_renew: true }, sort: byEndDate, range: page }), kind: 'list' },
  { name: 'search q=garage', method: 'GET', route: '/api/clients', path: '/api/clients' + q({ filter: { q: 'garage' }, range: page }), kind: 'list' },
  { name: 'dashboard', method: 'GET', route: '/api/dashboard', path: '/api/dashboard', kind: 'dashboard' },
];

export const renewPath = (id: number) => `/api/subscriptions/${id}/renew`;

export const RENEWALS: Endpoint = {
  name: 'renewals',
  method: 'POST',
  route: '/api/subscriptions/:id/renew',
  path: renewPath(1),
  body: JSON.stringify({ years: 1 }),
  kind: 'renewals',
};

/** Headers of every benchmark request (recording, floor and load alike). */
export function headersFor(endpoint: Endpoint, cookie: string): Record<string, string> {
  const headers: Record<string, string> = { cookie, accept: 'application/json' };
  if (endpoint.body !== undefined) headers['content-type'] = 'application/json';
  return headers;
}
