import type Database from 'better-sqlite3';

/**
 * The SQL each benchmarked read needs, written by hand as prepared statements and run in-process
 * on the same file (no HTTP, no Kysely, no JSON): the ceiling the endpoint is compared with.
 * Lists: the page query and its COUNT(*), as server/src/http/resource.ts runs them;
 * dashboard: the queries of server/src/domain/dashboard.ts.
 */

const CLIENT_COLUMNS = 'id, name, partner_id, reseller_id, status, end_date, to_renew, created_at, undo_until';
const SUBSCRIPTION_COLUMNS =
  'id, client_id, client_name, product_id, partner_id, reseller_id, status, start_date, end_date, years, seats, auto_renew, ' +
  'cancelled, renewed, to_renew, next_seats, next_years, auto_renew_exhausted, auto_renew_failing_since, undo_until';

/** A list read: one page (25 rows) and the total behind Content-Range. */
function list(db: Database.Database, from: string, columns: string, where: string, orderBy: string, params: unknown[] = []) {
  const pageSql = `SELECT ${columns} FROM ${from} WHERE ${where} ORDER BY ${orderBy} LIMIT 25 OFFSET 0`;
  const page = db.prepare(pageSql);
  const count = db.prepare(`SELECT count(*) AS total FROM ${from} WHERE ${where}`);
  return { sql: [pageSql, count.source], run: () => [page.all(...params), count.get(...params)] };
}

const firstOfMonth = (today: string) => `${today.slice(0, 7)}-01`;
const plusMonths = (date: string, months: number) => {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCMonth(d.getUTCMonth() + months);
  return d.toISOString().slice(0, 10);
};

function dashboard(db: Database.Database, today: string) {
  const from = firstOfMonth(today);
  const until = plusMonths(from, 12);
  const statements = [
    db.prepare('SELECT status, count(*) AS n FROM subscriptions WHERE archived = 0 GROUP BY status'),
    db.prepare('SELECT count(*) AS n FROM clients WHERE to_renew = 1 AND archived = 0'),
    db.prepare(
      `SELECT pools.id, pools.holder_type, pools.holder_id, coalesce(resellers.name, partners.name) AS holder_name,
              pools.product_id, products.code AS product_code, pools.balance
       FROM pools JOIN products ON products.id = pools.product_id JOIN partners ON partners.id = pools.partner_id
       LEFT JOIN resellers ON resellers.id = pools.reseller_id
       ORDER BY products.code, pools.holder_type, holder_name`,
    ),
    db.prepare(
      `SELECT substr(end_date, 1, 7) AS month, count(*) AS subscriptions, sum(seats) AS seats FROM subscriptions
       WHERE status IN ('active', 'expiring') AND archived = 0 AND end_date >= ? AND end_date < ? GROUP BY month`,
    ),
  ];
  const params: unknown[][] = [[], [], [], [from, until]];
  return { sql: statements.map((s) => s.source), run: () => statements.map((s, i) => s.all(...params[i])) };
}

/** The raw-SQL equivalent of each read endpoint, by endpoint name (see endpoints.ts). */
export function rawReads(db: Database.Database, today: string): Record<string, { sql: string[]; run: () => unknown }> {
  return {
    'clients by end date': list(db, 'clients', CLIENT_COLUMNS, 'archived = 0', 'end_date ASC, id ASC'),
    'clients to renew': list(db, 'clients', CLIENT_COLUMNS, 'archived = 0 AND to_renew = 1', 'end_date ASC, id ASC'),
    'subscriptions to renew': list(db, 'subscriptions', SUBSCRIPTION_COLUMNS, 'archived = 0 AND to_renew = 1', 'end_date ASC, id ASC'),
    'search q=garage': list(db, 'clients', CLIENT_COLUMNS, `archived = 0 AND search_name LIKE ? ESCAPE '\\'`, 'name ASC, id ASC', ['%garage%']),
    dashboard: dashboard(db, today),
  };
}

export interface RawMeasure {
  opsPerSecond: number;
  p50: number;
  p99: number;
  iterations: number;
}

/** Runs `fn` back to back for about `ms` (after a short warm-up), one at a time, timing each call (3 at least). */
/** Times `fn` (awaited when it returns a promise) for `ms` after a short warm-up. */
export async function timeRaw(fn: () => unknown, ms: number): Promise<RawMeasure> {
  const warmupEnd = performance.now() + ms / 5;
  for (let i = 0; i < 20 && performance.now() < warmupEnd; i++) await fn();
  const times: number[] = [];
  const started = performance.now();
  let now = started;
  while (now - started < ms || times.length < 3) {
    const t = performance.now();
    await fn();
    now = performance.now();
    times.push(now - t);
  }
  times.sort((a, b) => a - b);
  const at = (p: number) => times[Math.min(times.length - 1, Math.floor(p * times.length))];
  return { opsPerSecond: times.length / ((now - started) / 1000), p50: at(0.5), p99: at(0.99), iterations: times.length };
}
