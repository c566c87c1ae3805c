import type { Request, Response } from 'express';
import { transactionsOf, type Db, type Tx } from '../data/transact.ts';
import { runIdempotent, runIdempotentSteps, type IdempotencyRequest, type Steps, type StoredResponse } from '../domain/idempotency.ts';
import { actionContext, idempotencyKey } from './validate.ts';
import { idempotencyOwnerOfKey } from '../domain/auth/apiKeys.ts';

/**
 * Runs a license-moving action under the request's Idempotency-Key, if it has one, and answers.
 * On SQLite, actions arriving together are committed together (see data/groupCommit.ts).
 */
export async function answerIdempotent(
  db: Db,
  req: Request,
  res: Response,
  action: (tx: Tx) => Promise<StoredResponse>,
) {
  const response = await runIdempotent(transactionsOf(db), keyedRequest(req, res), actionContext(res).now, action);
  res.status(response.status).json(response.body);
}

/** The same for an action of several transactions, each step recording its result (see runIdempotentSteps). */
export async function answerIdempotentSteps<R extends { id: number }>(
  db: Db,
  req: Request,
  res: Response,
  action: (steps: Steps<R>) => Promise<StoredResponse>,
) {
  const response = await runIdempotentSteps(db, keyedRequest(req, res), actionContext(res).now, action);
  res.status(response.status).json(response.body);
}

function keyedRequest(req: Request, res: Response): IdempotencyRequest | null {
  const key = idempotencyKey(req);
  if (!key) return null;
  const ctx = actionContext(res);
  // A login owns its keys; an API key's requests are idempotent per API key (see idempotencyOwnerOfKey).
  const loginId = ctx.scope.userId ?? (ctx.apiKeyId !== undefined ? idempotencyOwnerOfKey(ctx.apiKeyId) : null);
  if (loginId === null) throw new Error('Idempotency keys belong to a login or an API key');
  return { loginId, key, method: req.method, path: req.originalUrl, body: req.body };
}
