import type { Request, RequestHandler, Response } from 'express';
import { parse as parseCookies } from 'cookie';
import type { Clock } from '../clock.ts';
import type { Db } from '../db/connection.ts';
import { ForbiddenError, UnauthorizedError } from '../domain/errors.ts';
import { organisationOf, scopeOf, type UserRow } from '../domain/auth/users.ts';
import { sessionUserId } from '../domain/auth/sessions.ts';
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
  if (!origin || ['GET', 'HEAD', 'OPTIONS'].includes(req.method)) return next();
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

/** The login behind the request's session cookie, or 401. Sets res.locals.user. */
export function requireSession(db: Db, clock: Clock): RequestHandler {
  return async (req, res, next) => {
    const token = sessionToken(req);
    const userId = token ? await sessionUserId(db, token, clock.instant()) : null;
    const user = userId
      ? await db
          .selectFrom('users')
          .select(['id', 'email', 'name', 'role', 'partner_id', 'reseller_id', 'active', 'totp_enabled'])
          .where('id', '=', userId)
          .where('active', '=', 1)
          .executeTakeFirst()
      : undefined;
    if (!user) {
      if (token) clearSessionCookie(req, res);
      return next(new UnauthorizedError(token ? 'Your session has expired: log in again' : 'Authentication required', token ? 'session_expired' : 'unauthenticated'));
    }
    const organisation = await organisationOf(db, user);
    res.locals.user = { ...user, totpRequired: organisation.requireTotp && user.totp_enabled !== 1 } satisfies SessionUser;
    res.locals.organisation = organisation;
    res.locals.ctx = { actor: user.email, scope: scopeOf(user), today: clock.today(), now: clock.now() };
    next();
  };
}

/** When the login's organisation requires two-factor authentication, nothing else until it is on. */
export const totpEnrolmentGate: RequestHandler = (_req, res, next) => {
  if ((res.locals.user as SessionUser).totpRequired) {
    return next(new ForbiddenError('Your organisation requires two-factor authentication: enable it first', 'totp_enrolment_required'));
  }
  next();
};
