import { createHash, randomUUID } from 'node:crypto';
import { claimKey, findKey, takeOverKey, updateKey, type KeyRef } from '../data/idempotencyKeys.ts';
import { transact, type Db, type Transact, type Tx } from '../data/transact.ts';
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

const keyOf = (req: IdempotencyRequest): KeyRef => ({ login_id: req.loginId, key: req.key });

/** A response still being produced under this key (status 0 marks it). */
const IN_PROGRESS = 0;

export class IdempotencyInProgressError extends AppError {
  constructor() {
    super(409, 'A request with this Idempotency-Key is still being processed: try again in a moment');
    this.code = 'idempotency_in_progress';
  }
}

/** The response stored under the key, once another request has claimed it. */
async function replay(tx: Tx, req: IdempotencyRequest, print: string): Promise<StoredResponse> {
  const stored = await findKey(tx, keyOf(req));
  if (!stored) throw new Error(`Idempotency key ${req.key} is neither claimable nor stored`);
  if (stored.fingerprint !== print) throw new IdempotencyMismatchError();
  if (stored.status === IN_PROGRESS) throw new IdempotencyInProgressError();
  return { status: stored.status, body: JSON.parse(stored.body) };
}

/**
 * In the caller's transaction: claims the key, runs `produce` and stores its response, or replays
 * the response of whoever claimed the key first.
 */
async function claimOrReplay(tx: Tx, req: IdempotencyRequest, print: string, now: string, produce: () => Promise<StoredResponse>) {
  const claimed = await claimKey(tx, { ...keyOf(req), fingerprint: print, status: IN_PROGRESS, body: '[]', claim: null, created_at: now, touched_at: now });
  if (!claimed) return replay(tx, req, print);
  const response = await produce();
  await updateKey(tx, keyOf(req), { status: response.status, body: JSON.stringify(response.body) });
  return response;
}

const isStored = (error: unknown): error is AppError =>
  error instanceof AppError && error.status !== 400 && error.status !== 422;

/**
 * Runs `action` in one transaction with the key's claim and storage, so two identical requests
 * arriving together, at one server or two, act once. A domain refusal (409, 404, 403) is stored
 * too, in a second transaction after the action's changes were rolled back.
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
    return await transact((tx) => claimOrReplay(tx, req, print, now, () => action(tx)));
  } catch (error) {
    if (!isStored(error) || error instanceof IdempotencyInProgressError) throw error;
    const refused: StoredResponse = { status: error.status, body: error.toBody() };
    return transact((tx) => claimOrReplay(tx, req, print, now, async () => refused));
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
  db: Db,
  req: IdempotencyRequest | null,
  now: string,
  action: (steps: Steps<R>) => Promise<StoredResponse>,
): Promise<StoredResponse> {
  if (!req) return action({ done: new Map(), record: async () => {} });
  const print = fingerprint(req);
  const claim = randomUUID();
  const ref = keyOf(req);
  const previous = await transact(db, async (tx): Promise<Claimed<R>> => {
    if (await claimKey(tx, { ...ref, fingerprint: print, status: IN_PROGRESS, body: '[]', claim, created_at: now, touched_at: now })) return { done: [] };
    const stored = (await findKey(tx, ref))!;
    if (stored.fingerprint !== print) throw new IdempotencyMismatchError();
    if (stored.status !== IN_PROGRESS) return { replay: { status: stored.status, body: JSON.parse(stored.body) } };
    if (!claimAbandoned(stored.touched_at, now) || !(await takeOverKey(tx, ref, stored.touched_at, claim, now))) throw new IdempotencyInProgressError();
    return { done: JSON.parse(stored.body) as R[] };
  });
  if ('replay' in previous) return previous.replay;

  const steps: Steps<R> = {
    done: new Map(previous.done.map((r) => [r.id, r])),
    async record(tx, _id, result) {
      const row = await findKey(tx, ref);
      if (row?.claim !== claim) throw new IdempotencyInProgressError();
      await updateKey(tx, ref, { body: JSON.stringify([...(JSON.parse(row.body) as R[]), result]), touched_at: now }, claim);
    },
  };
  let response: StoredResponse;
  try {
    response = await action(steps);
  } catch (error) {
    // The committed steps stay recorded; the claim is released so that a repeat resumes at once.
    await updateKey(db, ref, { claim: null, touched_at: new Date(0).toISOString() }, claim);
    throw error;
  }
  await updateKey(db, ref, { status: response.status, body: JSON.stringify(response.body), claim: null, touched_at: now }, claim);
  return response;
}
