import { createHash, randomUUID } from 'node:crypto';
import type { Transact } from '../db/groupCommit.ts';
import type { Tx } from './context.ts';
import { AppError } from './errors.ts';
import { settings } from './settings.ts';

/**
 * Idempotency keys as Stripe has them (DESIGN §2): the first response to a license-moving request
 * is stored under (actor, key) and replayed for any repeat; the same key with another request
 * (method, path, body) is refused with 422. Requests rejected as invalid (400) store nothing.
 */

export interface StoredResponse {
  status: number;
  body: unknown;
}

export interface IdempotencyRequest {
  /** The login the key belongs to (its id: an e-mail can change hands). */
  loginId: number;
  key: string;
  method: string;
  path: string;
  body: unknown;
}

/** Key → JSON with sorted object keys, so {a,b} and {b,a} fingerprint alike. */
function canonical(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`;
  if (value && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>).sort(([a], [b]) => a.localeCompare(b));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonical(v)}`).join(',')}}`;
  }
  return JSON.stringify(value ?? null);
}

export function fingerprint(req: Pick<IdempotencyRequest, 'method' | 'path' | 'body'>): string {
  return createHash('sha256').update(`${req.method} ${req.path} ${canonical(req.body)}`).digest('hex');
}

export class IdempotencyMismatchError extends AppError {
  constructor() {
    super(422, 'This Idempotency-Key was already used with other parameters');
    this.code = 'idempotency_key_reused';
  }
}

const keyOf = (req: IdempotencyRequest) => ({ login_id: req.loginId, key: req.key });

async function lookup(tx: Tx, req: IdempotencyRequest) {
  return tx.selectFrom('idempotency_keys').selectAll().where('login_id', '=', req.loginId).where('key', '=', req.key).executeTakeFirst();
}

/** Replays a stored response for this key, or null when the key is new. */
async function replay(tx: Tx, req: IdempotencyRequest, print: string): Promise<StoredResponse | null> {
  const stored = await lookup(tx, req);
  if (!stored) return null;
  if (stored.fingerprint !== print) throw new IdempotencyMismatchError();
  return { status: stored.status, body: JSON.parse(stored.body) };
}

async function store(tx: Tx, req: IdempotencyRequest, print: string, response: StoredResponse, now: string) {
  await tx
    .insertInto('idempotency_keys')
    .values({ ...keyOf(req), fingerprint: print, status: response.status, body: JSON.stringify(response.body), created_at: now, touched_at: now })
    .execute();
}

const isStored = (error: unknown): error is AppError =>
  error instanceof AppError && error.status !== 400 && error.status !== 422;

/**
 * Runs `action` in one transaction with the key's lookup and storage, so two identical requests
 * arriving together act once. A domain refusal (409, 404, 403) is stored too, in a second
 * transaction after the action's changes were rolled back.
 */
export async function runIdempotent(
  transact: Transact,
  req: IdempotencyRequest | null,
  now: string,
  action: (tx: Tx) => Promise<StoredResponse>,
): Promise<StoredResponse> {
  if (!req) return transact(action);
  const print = fingerprint(req);
  try {
    return await transact(async (tx) => {
      const previous = await replay(tx, req, print);
      if (previous) return previous;
      const response = await action(tx);
      await store(tx, req, print, response, now);
      return response;
    });
  } catch (error) {
    if (!isStored(error)) throw error;
    const refused: StoredResponse = { status: error.status, body: error.toBody() };
    return transact(async (tx) => {
      const previous = await replay(tx, req, print);
      if (previous) return previous;
      await store(tx, req, print, refused, now);
      return refused;
    });
  }
}

/** A response still being produced under this key (status 0 marks it). */
const IN_PROGRESS = 0;

export class IdempotencyInProgressError extends AppError {
  constructor() {
    super(409, 'A request with this Idempotency-Key is still being processed: try again in a moment');
    this.code = 'idempotency_in_progress';
  }
}

/** What a multi-step action knows of its key: the steps already committed, and how to record one. */
export interface Steps<R> {
  /** Results of the steps a previous, interrupted run committed, by step id. */
  done: ReadonlyMap<number, R>;
  /**
   * Records a step's result inside the step's own transaction, so the result commits with the step
   * or not at all. Throws IdempotencyInProgressError when another run has taken the key over.
   */
  record(tx: Tx, id: number, result: R): Promise<void>;
}

/** Replay a stored response, or go on with the steps a previous run committed. */
type Claimed<R> = { replay: StoredResponse } | { done: R[] };

const claimAbandoned = (touchedAt: string, now: string) => Date.parse(now) - Date.parse(touchedAt) >= settings.idempotencyClaimSeconds * 1000;

/**
 * For an action made of several transactions (a bulk renewal of `{id, …}` steps): the key is
 * claimed first, so a repeat arriving meanwhile is refused (409) rather than acting twice; each
 * step records its result with its own commit; the whole response is stored at the end.
 * If the action fails or the process dies midway, the committed steps stay recorded: a repeat
 * (at once after a failure, or once an abandoned claim has expired) resumes after them.
 */
export async function runIdempotentSteps<R extends { id: number }>(
  db: Tx,
  req: IdempotencyRequest | null,
  now: string,
  action: (steps: Steps<R>) => Promise<StoredResponse>,
): Promise<StoredResponse> {
  if (!req) return action({ done: new Map(), record: async () => {} });
  const print = fingerprint(req);
  const claim = randomUUID();
  const previous = await db.transaction().execute(async (tx): Promise<Claimed<R>> => {
    const stored = await lookup(tx, req);
    if (!stored) {
      await tx
        .insertInto('idempotency_keys')
        .values({ ...keyOf(req), fingerprint: print, status: IN_PROGRESS, body: '[]', claim, created_at: now, touched_at: now })
        .execute();
      return { done: [] };
    }
    if (stored.fingerprint !== print) throw new IdempotencyMismatchError();
    if (stored.status !== IN_PROGRESS) return { replay: { status: stored.status, body: JSON.parse(stored.body) } };
    if (!claimAbandoned(stored.touched_at, now)) throw new IdempotencyInProgressError();
    await tx.updateTable('idempotency_keys').set({ claim, touched_at: now }).where('login_id', '=', req.loginId).where('key', '=', req.key).execute();
    return { done: JSON.parse(stored.body) as R[] };
  });
  if ('replay' in previous) return previous.replay;

  const steps: Steps<R> = {
    done: new Map(previous.done.map((r) => [r.id, r])),
    async record(tx, _id, result) {
      const row = await lookup(tx, req);
      if (row?.claim !== claim) throw new IdempotencyInProgressError();
      const results = [...(JSON.parse(row.body) as R[]), result];
      await tx.updateTable('idempotency_keys').set({ body: JSON.stringify(results), touched_at: now }).where('login_id', '=', req.loginId).where('key', '=', req.key).execute();
    },
  };
  let response: StoredResponse;
  try {
    response = await action(steps);
  } catch (error) {
    // The committed steps stay recorded; the claim is released so that a repeat resumes at once.
    await db.updateTable('idempotency_keys').set({ claim: null, touched_at: new Date(0).toISOString() }).where('login_id', '=', req.loginId).where('key', '=', req.key).where('claim', '=', claim).execute();
    throw error;
  }
  await db
    .updateTable('idempotency_keys')
    .set({ status: response.status, body: JSON.stringify(response.body), claim: null, touched_at: now })
    .where('login_id', '=', req.loginId)
    .where('key', '=', req.key)
    .where('claim', '=', claim)
    .execute();
  return response;
}
