import type { Request, RequestHandler, Response } from 'express';
import { rateLimit } from 'express-rate-limit';
import type { Clock } from '../clock.ts';
import type { Db } from '../data/transact.ts';
import { DatabaseRateLimitStore } from '../db/rateLimits.ts';
import { apiKeyActor, liveApiKey, scopeOfKey, type LiveApiKey } from '../domain/auth/apiKeys.ts';
import { logAccess } from '../domain/auth/login.ts';
import { AppError, ForbiddenError, UnauthorizedError } from '../domain/errors.ts';
import { hasBearer, requestMeta } from './session.ts';

/**
 * `Authorization: Bearer csk_…` (DESIGN §7): an API key acts as its organisation on every /api
 * route but /api/auth/*, with no session cookie and no same-origin check (a browser never sends
 * this header across sites without a CORS preflight, which this server never grants). Nothing of
 * a key is cached: every request reads it (one indexed lookup), so a revoked or expired key is
 * refused at once, on this server and any other sharing the database.
 */

/** The secret of an `Authorization: Bearer …` header; undefined without one. */
export const bearerSecret = (req: Request): string | undefined => (hasBearer(req) ? req.get('authorization')!.slice(6).trim() : undefined);

/** The API key the request authenticated with, if any. */
export const apiKeyOf = (res: Response) => res.locals.apiKey as LiveApiKey | undefined;

/** Authenticates a request carrying a bearer key: its context is its organisation's; every use is in the access log. */
export function authenticateApiKey(db: Db, clock: Clock): RequestHandler {
  return async (req, res, next) => {
    if (req.path === '/auth' || req.path.startsWith('/auth/')) {
      return next(new UnauthorizedError('API keys are not accepted on /api/auth: log in with a password', 'api_key_not_accepted'));
    }
    const now = clock.now();
    const key = await liveApiKey(db, bearerSecret(req) ?? '', now);
    if (!key) return next(new UnauthorizedError('Unknown, revoked or expired API key', 'invalid_api_key'));
    await logAccess(db, requestMeta(req, clock), {
      event: 'api_key_used',
      email: apiKeyActor(key.name),
      reason: `${req.method} ${req.originalUrl}`.slice(0, 500),
      apiKey: key,
    });
    res.locals.apiKey = key;
    res.locals.ctx = { actor: apiKeyActor(key.name), scope: scopeOfKey(key), today: clock.today(), now, apiKeyId: key.id };
    next();
  };
}

/**
 * Per key, at most `perMinute` requests a minute (API_KEY_RATE_LIMIT), counted in the shared
 * rate_limits table so the limit holds across servers: 429 with Retry-After beyond it.
 */
export function apiKeyRateLimit(db: Db, clock: Pick<Clock, 'instant'>, perMinute: number): RequestHandler {
  return rateLimit({
    windowMs: 60_000,
    limit: perMinute,
    standardHeaders: 'draft-8',
    legacyHeaders: false,
    store: new DatabaseRateLimitStore(db, clock.instant, 'api-key:'),
    skip: (_req, res) => apiKeyOf(res) === undefined,
    keyGenerator: (_req, res) => String(apiKeyOf(res)!.id),
    handler: (_req, _res, next) =>
      next(Object.assign(new AppError(429, `At most ${perMinute} requests a minute per API key: try again later`), { code: 'rate_limited', details: { per_minute: perMinute } })),
  });
}

/**
 * What a key's scope allows: `read` keys read only; `usage` keys read and post usage reports;
 * `write` keys do what a login of their organisation may. Only usage keys post usage reports
 * (routes/usage.ts refuses the others).
 */
export const apiKeyRights: RequestHandler = (req, res, next) => {
  const key = apiKeyOf(res);
  if (!key || key.scope === 'write' || req.method === 'GET' || req.method === 'HEAD') return next();
  if (key.scope === 'usage' && req.method === 'POST' && req.path === '/usage') return next();
  next(new ForbiddenError(`This API key (${key.scope}) may only read`, 'read_only_key'));
};
