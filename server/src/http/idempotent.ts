import type { Request, Response } from 'express';
import type { Db } from '../db/connection.ts';
import type { Tx } from '../domain/context.ts';
import { runIdempotent, type StoredResponse } from '../domain/idempotency.ts';
import { actionContext, idempotencyKey } from './validate.ts';

/** Runs a license-moving action under the request's Idempotency-Key, if it has one, and answers. */
export async function answerIdempotent(
  db: Db,
  req: Request,
  res: Response,
  action: (tx: Tx) => Promise<StoredResponse>,
) {
  const ctx = actionContext(res);
  const key = idempotencyKey(req);
  const request = key ? { actor: ctx.actor, key, method: req.method, path: req.originalUrl, body: req.body } : null;
  const response = await runIdempotent(db, request, ctx.now, action);
  res.status(response.status).json(response.body);
}
