import { randomUUID } from 'node:crypto';
import type { LoadWorld } from './world.ts';

/**
 * Concurrent channel staff hammering one small pool: renewals, seat changes, allocations, undos
 * and reads, each license-moving request under its own Idempotency-Key. Records what a checker
 * needs afterwards: every answer's status, every renewal answered 201, and the keys of requests
 * that got no answer at all (the connection failed), to tell "refused" from "accepted, unanswered".
 */

export interface LoadOptions {
  url: () => string;
  world: LoadWorld;
  clients: number;
  durationMs: number;
  /** Undos take renewals back; the crash test leaves them out so every 201 renewal must stay. */
  undo: boolean;
  /** Stops early (e.g. once the server is gone for good). */
  stopped?: () => boolean;
}

export interface LoadReport {
  requests: number;
  statuses: Record<number, number>;
  serverErrors: { method: string; path: string; status: number; body: string }[];
  /** Renewals answered 201: the subscription and the end date of the term the answer reported. */
  renewed: { subscription: number; end_date: string }[];
  /** Requests with an Idempotency-Key whose connection failed before any answer. */
  unanswered: string[];
  networkErrors: number;
}

const pick = <T>(items: readonly T[]) => items[Math.floor(Math.random() * items.length)];

export async function runLoad(options: LoadOptions): Promise<LoadReport> {
  const { world } = options;
  const report: LoadReport = { requests: 0, statuses: {}, serverErrors: [], renewed: [], unanswered: [], networkErrors: 0 };

  async function send(cookie: string, method: string, path: string, body?: unknown) {
    const key = method === 'POST' ? randomUUID() : undefined;
    report.requests++;
    let res: Response;
    try {
      res = await fetch(`${options.url()}${path}`, {
        method,
        headers: { Cookie: cookie, 'Content-Type': 'application/json', ...(key ? { 'Idempotency-Key': key } : {}) },
        body: body === undefined ? undefined : JSON.stringify(body),
        signal: AbortSignal.timeout(15_000),
      });
    } catch {
      report.networkErrors++;
      if (key) report.unanswered.push(key);
      await new Promise((r) => setTimeout(r, 20));
      return null;
    }
    const text = await res.text().catch(() => '');
    report.statuses[res.status] = (report.statuses[res.status] ?? 0) + 1;
    if (res.status >= 500) report.serverErrors.push({ method, path, status: res.status, body: text.slice(0, 300) });
    return { status: res.status, body: text ? JSON.parse(text) : null };
  }

  const actions: (() => Promise<unknown>)[] = [
    async () => {
      const id = pick(world.subscriptions);
      const res = await send(world.cookies.reseller, 'POST', `/api/subscriptions/${id}/renew`, { years: pick([1, 1, 2]) });
      if (res?.status === 201) report.renewed.push({ subscription: id, end_date: res.body.end_date });
    },
    () => send(world.cookies.reseller, 'POST', `/api/subscriptions/${pick(world.subscriptions)}/seats`, { seats: pick([1, 2, 3]) }),
    () => send(world.cookies.partner, 'POST', '/api/allocations', { product_id: world.product, reseller_id: world.reseller, quantity: pick([1, 2]) }),
    ...(options.undo ? [() => send(world.cookies.reseller, 'POST', `/api/subscriptions/${pick(world.subscriptions)}/undo-renewal`)] : []),
    () => send(world.cookies.reseller, 'GET', '/api/clients?range=%5B0%2C24%5D'),
    () => send(world.cookies.reseller, 'GET', '/api/dashboard'),
    () => send(world.cookies.admin, 'GET', `/api/subscriptions/${pick(world.subscriptions)}`),
  ];

  const end = Date.now() + options.durationMs;
  const worker = async () => {
    while (Date.now() < end && !options.stopped?.()) await pick(actions)();
  };
  await Promise.all(Array.from({ length: options.clients }, worker));
  return report;
}
