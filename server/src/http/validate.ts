import type { Request, Response } from 'express';
import { z } from 'zod';
import type { ActionContext } from '../domain/context.ts';
import { validationErrorFrom } from './errors.ts';

/** Parses a request body with its zod schema; a failure is a 400 naming each bad field. */
export function parseBody<S extends z.ZodType>(schema: S, body: unknown): z.infer<S> {
  const parsed = schema.safeParse(body ?? {});
  if (!parsed.success) throw validationErrorFrom(parsed.error);
  return parsed.data;
}

export function parseQuery<S extends z.ZodType>(schema: S, query: unknown): z.infer<S> {
  const parsed = schema.safeParse(query);
  if (!parsed.success) throw validationErrorFrom(parsed.error);
  return parsed.data;
}

/** The caller and the day of this request, set by the app's context middleware. */
export function actionContext(res: Response): ActionContext {
  return res.locals.ctx as ActionContext;
}

/** The Idempotency-Key header, if any (1..255 visible characters). */
export function idempotencyKey(req: Request): string | null {
  const key = req.get('Idempotency-Key');
  if (key === undefined) return null;
  const parsed = z.string().trim().min(1).max(255).safeParse(key);
  if (!parsed.success) throw validationErrorFrom(parsed.error, 'Idempotency-Key');
  return parsed.data;
}

// Shared field schemas, so every route says "a name" or "a license count" the same way.
export const fields = {
  id: z.coerce.number({ error: 'Expected a number' }).int().positive(),
  name: z.string({ error: 'Required' }).trim().min(1, 'Required').max(200, 'At most 200 characters'),
  email: z.email({ error: 'Expected an email address' }).max(254),
  years: z.coerce.number({ error: 'Expected a number' }).int('Expected a whole number').min(1, 'At least 1 year').max(10, 'At most 10 years'),
  seats: z.coerce.number({ error: 'Expected a number' }).int('Expected a whole number').min(1, 'At least 1 seat').max(1_000_000, 'At most 1,000,000 seats'),
  quantity: z.number({ error: 'Expected a number' }).int('Expected a whole number').min(-1_000_000_000).max(1_000_000_000),
};
