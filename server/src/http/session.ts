import type { Request, RequestHandler, Response } from 'express';
import { parse as parseCookies } from 'cookie';
import type { Clock } from '../clock.ts';
import type { Db } from '../data/transact.ts';
import { ForbiddenError, UnauthorizedError } from '../domain/errors.ts';
import { organisationOf, scopeOf, type UserRow } from '../domain/auth/users.ts';
import { liveSession } from '../domain/auth/sessions.ts';
import type { ReadCache } from './readCache.ts';
import type { RequestMeta } from '../domain/auth/login.ts';
import { settings } from '../domain/settings.ts';

/** The session cookie: httpOnly, SameSite=Strict, Secure when the request came over HTTPS. */
export const SESSION_COOKIE = 'cascade_session';

export function setSessionCookie(req: Request, res: Response, token: string) {
  res.cookie(SESSION_COOKIE, token, {
    httpOnly: true,
    sameSite: 'strict',
    secure: req.secure,
    path: '/',
    maxAge: settings.sessionMaxHours * 3600_000,
  });
}

export function clearSessionCookie(req: Request, res: Response) {
  res.clearCookie(SESSION_COOKIE, { httpOnly: true, sameSite: 'strict', secure: req.secure, path: '/' });
}

export const sessionToken = (req: Request): string | undefined => parseCookies(req.headers.cookie ?? '')[SESSION_COOKIE];

export const requestMeta = (req: Request, clock: Clock): RequestMeta => ({
  ip: req.ip ?? null,
  userAgent: req.get('user-agent') ?? null,
  instant: clock.instant(),
});

/**
 * A write whose Origin names another host than the one it was sent to is a cross-site request
 * forgery attempt (SameSite=Strict already keeps the cookie off most of them): 403.
 */
export const sameOriginWrites: RequestHandler = (req, _res, next) => {
  const origin = req.get('origin');
  // An API key's request carries no cookie (http/apiKeys.ts): nothing a forged request could borrow.
  if (!origin || ['GET', 'HEAD', 'OPTIONS'].includes(req.method) || hasBearer(req)) return next();
  let host: string | null = null;
  try {
    host = new URL(origin).host;
  } catch {
    host = null;
  }
  if (host !== req.get('host')) return next(new ForbiddenError('Cross-origin request refused', 'cross_origin'));
  next();
};

export interface SessionUser extends UserRow {
  totpRequired: boolean;
}

/** The login of a live session token with its organisation, or null. */
async function sessionLogin(db: Db, token: string, now: number) {
  const session = await liveSession(db, token, now);
  if (!session) return null;
  const user = await db
    .selectFrom('users')
    .select(['id', 'email', 'name', 'role', 'partner_id', 'reseller_id', 'active', 'totp_enabled', 'locale'])
    .where('id', '=', session.userId)
    .where('active', '=', 1)
    .executeTakeFirst();
  return user ? { user, organisation: await organisationOf(db, user), validUntil: session.validUntil } : null;
}

/** How long a session's login is reused from memory: logins change only through writes, which empty the cache. */
const SESSION_CACHE_MS = 30_000;

/** Whether the request authenticates with an API key (`Authorization: Bearer …`) rather than a session. */
export const hasBearer = (req: Request) => /^bearer\s/i.test(req.get('authorization') ?? '');

/**
 * The login behind the request's session cookie, or 401. Sets res.locals.user. A request with a
 * bearer key goes to `apiKey` instead (http/apiKeys.ts), whatever cookie it carries.
 */
export function requireSession(db: Db, clock: Clock, cache: ReadCache, apiKey?: RequestHandler): RequestHandler {
  return async (req, res, next) => {
    if (apiKey && hasBearer(req)) return apiKey(req, res, next);
    const token = sessionToken(req);
    const login = token ? await cachedSessionLogin(token) : null;
    if (!login) {
      if (token) clearSessionCookie(req, res);
      return next(new UnauthorizedError(token ? 'Your session has expired: log in again' : 'Authentication required', token ? 'session_expired' : 'unauthenticated'));
    }
    const { user, organisation } = login;
    res.locals.user = { ...user, totpRequired: organisation.requireTotp && user.totp_enabled !== 1 } satisfies SessionUser;
    res.locals.organisation = organisation;
    res.locals.ctx = { actor: user.email, scope: scopeOf(user), today: clock.today(), now: clock.now(), locale: user.locale };
    next();
  };

  // Kept at most SESSION_CACHE_MS, and never past the moment the session could expire.
  function cachedSessionLogin(token: string) {
    return cache.get(
      `session|${token}`,
      () => sessionLogin(db, token, clock.instant()),
      { ttlMs: (login) => (login ? Math.min(SESSION_CACHE_MS, login.validUntil - clock.instant()) : 0) },
    );
  }
}

/** When the login's organisation requires two-factor authentication, nothing else until it is on. */
export const totpEnrolmentGate: RequestHandler = (_req, res, next) => {
  if ((res.locals.user as SessionUser | undefined)?.totpRequired) {
    return next(new ForbiddenError('Your organisation requires two-factor authentication: enable it first', 'totp_enrolment_required'));
  }
  next();
};
