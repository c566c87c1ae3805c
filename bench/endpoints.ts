/** What the benchmark drives: the console's hot reads and the renewal, with their targets. */

export interface Endpoint {
  name: string;
  method: 'GET' | 'POST';
  /** Path and query as sent (for renewals, the first id's; each request then gets its own id). */
  path: string;
  /** Express route the floor process answers it on. */
  route: string;
  body?: string;
  /** Targets of issue 6: share of the floor's throughput, and a p99 ceiling for lists. */
  minFloorRatio: number;
  maxP99Ms?: number;
}

const q = (params: Record<string, unknown>) =>
  '?' + Object.entries(params).map(([k, v]) => `${k}=${encodeURIComponent(JSON.stringify(v))}`).join('&');

const page = [0, 24];
const byEndDate = ['end_date', 'ASC'];

export const READS: Endpoint[] = [
  { name: 'clients by end date', method: 'GET', route: '/api/clients', path: '/api/clients' + q({ sort: byEndDate, range: page, filter: {} }), minFloorRatio: 0.5, maxP99Ms: 50 },
  { name: 'clients to renew', method: 'GET', route: '/api/clients', path: '/api/clients' + q({ sort: byEndDate, range: page, filter: { to_renew: true } }), minFloorRatio: 0.5, maxP99Ms: 50 },
  { name: 'subscriptions to renew', method: 'GET', route: '/api/subscriptions', path: '/api/subscriptions' + q({ filter: { to_renew: true }, sort: byEndDate, range: page }), minFloorRatio: 0.5, maxP99Ms: 50 },
  { name: 'search q=garage', method: 'GET', route: '/api/clients', path: '/api/clients' + q({ filter: { q: 'garage' }, range: page }), minFloorRatio: 0.5, maxP99Ms: 50 },
  { name: 'dashboard', method: 'GET', route: '/api/dashboard', path: '/api/dashboard', minFloorRatio: 0.5 },
];

export const renewPath = (id: number) => `/api/subscriptions/${id}/renew`;

export const RENEWALS: Endpoint = {
  name: 'renewals',
  method: 'POST',
  route: '/api/subscriptions/:id/renew',
  path: renewPath(1),
  body: JSON.stringify({ years: 1 }),
  minFloorRatio: 0.5,
};

/** Headers of every benchmark request (recording, floor and load alike). */
export function headersFor(endpoint: Endpoint, cookie: string): Record<string, string> {
  const headers: Record<string, string> = { cookie, accept: 'application/json' };
  if (endpoint.body !== undefined) headers['content-type'] = 'application/json';
  return headers;
}
