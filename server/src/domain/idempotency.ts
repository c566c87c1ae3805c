import { createHash } from 'node:crypto';
import type { Transact } from '../db/groupCommit.ts';
import type { Tx } from './context.ts';
import { AppError } from './errors.ts';

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
  actor: string;
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

/** Replays a stored response for this key, or null when the key is new. */
async function replay(tx: Tx, req: IdempotencyRequest, print: string): Promise<StoredResponse | null> {
  const stored = await tx
    .selectFrom('idempotency_keys')
    .selectAll()
    .where('actor', '=', req.actor)
    .where('key', '=', req.key)
    .executeTakeFirst();
  if (!stored) return null;
  if (stored.fingerprint !== print) throw new IdempotencyMismatchError();
  return { status: stored.status, body: JSON.parse(stored.body) };
}

async function store(tx: Tx, req: IdempotencyRequest, print: string, response: StoredResponse, now: string) {
  await tx
    .insertInto('idempotency_keys')
    .values({
      actor: req.actor,
      key: req.key,
      fingerprint: print,
      status: response.status,
      body: JSON.stringify(response.body),
      created_at: now,
    })
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
    super(409, 'A request with this Idempotency-Key is still being processed');
    this.code = 'idempotency_in_progress';
  }
}

/**
 * For an action made of several transactions (a bulk renewal): the key is claimed first, so a
 * repeat arriving meanwhile is refused (409) rather than acting twice, then the response is stored.
 */
export async function runIdempotentSteps(
  db: Tx,
  req: IdempotencyRequest | null,
  now: string,
  action: () => Promise<StoredResponse>,
): Promise<StoredResponse> {
  if (!req) return action();
  const print = fingerprint(req);
  const previous = await db.transaction().execute(async (tx) => {
    const stored = await replay(tx, req, print);
    if (!stored) await store(tx, req, print, { status: IN_PROGRESS, body: null }, now);
    return stored;
  });
  if (previous?.status === IN_PROGRESS) throw new IdempotencyInProgressError();
  if (previous) return previous;
  try {
    const response = await action();
    await db
      .updateTable('idempotency_keys')
      .set({ status: response.status, body: JSON.stringify(response.body) })
      .where('actor', '=', req.actor)
      .where('key', '=', req.key)
      .execute();
    return response;
  } catch (error) {
    // Nothing to replay: the key is free again.
    await db.deleteFrom('idempotency_keys').where('actor', '=', req.actor).where('key', '=', req.key).execute();
    throw error;
  }
}
