import type { Request, Response } from 'express';
import type { Db } from '../db/connection.ts';
import { groupCommit } from '../db/groupCommit.ts';
import type { Tx } from '../domain/context.ts';
import { runIdempotent, runIdempotentSteps, type IdempotencyRequest, type Steps, type StoredResponse } from '../domain/idempotency.ts';
import { actionContext, idempotencyKey } from './validate.ts';

/**
 * Runs a license-moving action under the request's Idempotency-Key, if it has one, and answers.
 * Actions arriving together are committed together (see groupCommit), each in its own savepoint.
 */
export async function answerIdempotent(
  db: Db,
  req: Request,
  res: Response,
  action: (tx: Tx) => Promise<StoredResponse>,
) {
  const response = await runIdempotent(groupCommit(db), keyedRequest(req, res), actionContext(res).now, action);
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
  const loginId = actionContext(res).scope.userId;
  if (!key) return null;
  if (loginId === null) throw new Error('Idempotency keys belong to a login');
  return { loginId, key, method: req.method, path: req.originalUrl, body: req.body };
}
