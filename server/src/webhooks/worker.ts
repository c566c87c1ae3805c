import type { Logger } from 'pino';
import type { Clock } from '../clock.ts';
import type { Db } from '../data/transact.ts';
import { postEvent, signature, type Attempt } from './send.ts';
import type { TargetPolicy } from './targets.ts';

/**
 * The delivery worker (DESIGN §7), one in every server process. Every `pollMs` it takes the due
 * deliveries (pending, next_attempt_at NULL or past) and POSTs each event, signed. Servers sharing
 * one database never send one delivery at the same time: a worker takes a delivery by moving its
 * next_attempt_at forward by a lease, on the condition that it still holds the value the worker read
 * (the second one to try updates no row). A server that dies mid-way leaves its leases to expire,
 * and the next poll anywhere sends them. 2xx: delivered, never sent again. Anything else: tried
 * again after base·2^(attempts−1), ±20 % jitter, at most 12 h; after 3 days of failures the
 * delivery is failed and its endpoint marked failing (until a later success).
 */

export interface WorkerOptions extends TargetPolicy {
  clock: Pick<Clock, 'instant'>;
  logger: Logger;
  /** WEBHOOK_RETRY_BASE_MS. */
  retryBaseMs: number;
  /** WEBHOOK_POLL_MS. */
  pollMs: number;
  timeoutMs?: number;
  /** How long a delivery keeps failing before it is given up (3 days). */
  giveUpAfterMs?: number;
  /** How long a taken delivery stays taken (longer than the timeout). */
  leaseMs?: number;
  /** Multiplies each delay (0.8–1.2 by default); tests pin it. */
  jitter?: () => number;
  /** Called after a pass that changed deliveries (the server empties its read cache: the logs show them). */
  afterRun?: () => void;
}

export const GIVE_UP_AFTER_MS = 3 * 86_400_000;
export const MAX_RETRY_DELAY_MS = 12 * 3_600_000;
const BATCH = 20;

/** The delay before the next try after `attempts` failed ones. */
export const retryDelay = (baseMs: number, attempts: number, jitter = 1) => Math.round(Math.min(baseMs * 2 ** Math.min(attempts - 1, 40), MAX_RETRY_DELAY_MS) * jitter);

const iso = (ms: number) => new Date(ms).toISOString();

interface Due {
  id: number;
  webhook_id: number;
  next_attempt_at: string | null;
  attempts: number;
  first_attempt_at: string | null;
  url: string;
  secret: string;
  event_id: string;
  type: string;
  created: string;
  data: string;
}

export interface DeliveryWorker {
  /** One pass over the due deliveries; resolves to how many were attempted. */
  runOnce(): Promise<number>;
  /** Polls every pollMs, starting at once (what a stopped server left is sent now). */
  start(): void;
  /** Stops polling and waits for the attempts in flight. */
  stop(): Promise<void>;
}

export function createDeliveryWorker(db: Db, options: WorkerOptions): DeliveryWorker {
  const { clock, logger, retryBaseMs, pollMs, timeoutMs = 10_000, giveUpAfterMs = GIVE_UP_AFTER_MS, leaseMs = timeoutMs + 10_000 } = options;
  const jitter = options.jitter ?? (() => 0.8 + Math.random() * 0.4);

  /** Takes a delivery for this worker; false when another took it first or it was changed meanwhile. */
  async function take(due: Due, lease: string): Promise<boolean> {
    const taken = await db
      .updateTable('webhook_deliveries')
      .set({ next_attempt_at: lease })
      .where('id', '=', due.id)
      .where('status', '=', 'pending')
      .where((eb) => (due.next_attempt_at === null ? eb('next_attempt_at', 'is', null) : eb('next_attempt_at', '=', due.next_attempt_at)))
      .executeTakeFirst();
    return taken.numUpdatedRows > 0n;
  }

  async function record(due: Due, lease: string, attempt: Attempt) {
    const now = clock.instant();
    const attempts = due.attempts + 1;
    const ok = attempt.status !== null && attempt.status >= 200 && attempt.status < 300;
    const firstAttempt = due.first_attempt_at ?? iso(now);
    const givenUp = !ok && now - Date.parse(firstAttempt) >= giveUpAfterMs;
    const outcome = {
      attempts,
      last_status_code: attempt.status,
      last_attempt_at: iso(now),
      first_attempt_at: firstAttempt,
      response_snippet: 'snippet' in attempt ? attempt.snippet : null,
      last_error: 'error' in attempt ? attempt.error : ok ? null : `HTTP ${attempt.status}`,
    };
    const status = ok ? ('delivered' as const) : givenUp ? ('failed' as const) : ('pending' as const);
    const next = status === 'pending' ? iso(now + retryDelay(retryBaseMs, attempts, jitter())) : null;
    // Only while this worker still holds it: a "Renvoyer" meanwhile re-queued it, and that stands.
    await db
      .updateTable('webhook_deliveries')
      .set({ ...outcome, status, next_attempt_at: next, delivered_at: ok ? iso(now) : null })
      .where('id', '=', due.id)
      .where('next_attempt_at', '=', lease)
      .execute();
    if (ok) await db.updateTable('webhooks').set({ failing_since: null }).where('id', '=', due.webhook_id).where('failing_since', 'is not', null).execute();
    if (givenUp) await db.updateTable('webhooks').set({ failing_since: iso(now) }).where('id', '=', due.webhook_id).where('failing_since', 'is', null).execute();
    if (!ok) logger.warn({ delivery: due.id, webhook: due.webhook_id, event: due.event_id, attempts, status: attempt.status, next_attempt_at: next }, givenUp ? 'webhook delivery failed for good' : 'webhook delivery failed; will retry');
  }

  async function deliver(due: Due) {
    const lease = iso(clock.instant() + leaseMs);
    if (!(await take(due, lease))) return false;
    const body = `{"id":${JSON.stringify(due.event_id)},"type":${JSON.stringify(due.type)},"created":${JSON.stringify(due.created)},"data":${due.data}}`;
    const headers = { 'Cascade-Signature': signature(due.secret, Math.floor(clock.instant() / 1000), body) };
    const attempt = await postEvent(due.url, body, headers, { allowPrivate: options.allowPrivate, timeoutMs });
    await record(due, lease, attempt);
    return true;
  }

  async function runOnce(): Promise<number> {
    const now = iso(clock.instant());
    const due = await db
      .selectFrom('webhook_deliveries as d')
      .innerJoin('webhooks as w', 'w.id', 'd.webhook_id')
      .innerJoin('webhook_events as e', 'e.id', 'd.event_id')
      .select(['d.id', 'd.webhook_id', 'd.next_attempt_at', 'd.attempts', 'd.first_attempt_at', 'w.url', 'w.secret', 'e.id as event_id', 'e.type', 'e.created', 'e.data'])
      .where('d.status', '=', 'pending')
      .where('w.active', '=', 1)
      .where((eb) => eb.or([eb('d.next_attempt_at', 'is', null), eb('d.next_attempt_at', '<=', now)]))
      .orderBy('d.id')
      .limit(BATCH)
      .execute();
    const sent = await Promise.all(due.map((d) => deliver(d)));
    return sent.filter(Boolean).length;
  }

  let timer: NodeJS.Timeout | null = null;
  let stopped = false;
  let running: Promise<void> = Promise.resolve();
  const tick = () => {
    running = (async () => {
      try {
        // A full batch: more may be due, so the next pass starts at once.
        for (;;) {
          const sent = stopped ? 0 : await runOnce();
          if (sent > 0) options.afterRun?.();
          if (sent < BATCH) break;
        }
      } catch (err) {
        logger.error({ err }, 'webhook deliveries: a pass failed; tried again at the next poll');
      }
      if (!stopped) timer = setTimeout(tick, pollMs).unref();
    })();
  };
  return {
    runOnce,
    start() {
      stopped = false;
      tick();
    },
    async stop() {
      stopped = true;
      if (timer) clearTimeout(timer);
      await running;
    },
  };
}
