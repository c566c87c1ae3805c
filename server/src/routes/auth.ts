import { Router, type Request, type Response } from 'express';
import { rateLimit } from 'express-rate-limit';
import QRCode from 'qrcode';
import { z } from 'zod';
import type { Clock } from '../clock.ts';
import type { Db } from '../data/transact.ts';
import { DatabaseRateLimitStore } from '../db/rateLimits.ts';
import { login, logAccess, TooManyAttemptsError } from '../domain/auth/login.ts';
import { changePassword, disableTotp, enableTotp, loginRow, setLocale, startTotpSetup } from '../domain/auth/account.ts';
import { LOCALES, MIN_PASSWORD_LENGTH, type Locale } from '../../../shared/contract.ts';
import { closeSession } from '../domain/auth/sessions.ts';
import { organisationOf, type Organisation } from '../domain/auth/users.ts';
import { settings } from '../domain/settings.ts';
import { clearSessionCookie, requestMeta, sessionToken, setSessionCookie, type SessionUser } from '../http/session.ts';
import { parseBody } from '../http/validate.ts';

const LoginInput = z.object({
  email: z.string({ error: 'Required' }).trim().min(1, 'Required').max(254),
  password: z.string({ error: 'Required' }).min(1, 'Required').max(1000),
  code: z.string().trim().max(20).optional(),
});
const newPassword = z.string({ error: 'Required' }).min(MIN_PASSWORD_LENGTH, `At least ${MIN_PASSWORD_LENGTH} characters`).max(1000);
const PasswordChange = z.object({ current_password: z.string({ error: 'Required' }).min(1, 'Required').max(1000), new_password: newPassword });
const CodeInput = z.object({ code: z.string({ error: 'Required' }).trim().min(1, 'Required').max(20) });
const PasswordInput = z.object({ password: z.string({ error: 'Required' }).min(1, 'Required').max(1000) });
const LocaleInput = z.object({ locale: z.enum(LOCALES, { error: `Expected ${LOCALES.join(' or ')}` }) });

/** The schemas that validate this router's requests, for the OpenAPI document. */
export const authSchemas = { LoginInput, PasswordChange, CodeInput, PasswordInput, LocaleInput };

/** POST /api/auth/login: public, rate-limited per IP (and per account inside `login`). */
export function loginRoutes(db: Db, clock: Clock) {
  const router = Router();
  const perIp = rateLimit({
    windowMs: settings.loginWindowMinutes * 60_000,
    limit: settings.loginAttemptsPerIp,
    standardHeaders: 'draft-8',
    legacyHeaders: false,
    // Counted in the database: the limit holds across every server behind the load balancer.
    store: new DatabaseRateLimitStore(db, clock.instant, 'login-ip:'),
    handler: (_req, _res, next) => next(new TooManyAttemptsError()),
  });
  router.post('/login', perIp, async (req, res) => {
    const input = parseBody(LoginInput, req.body);
    const { token, userId } = await login(db, input, requestMeta(req, clock));
    setSessionCookie(req, res, token);
    res.json(await me(db, userId));
  });
  return router;
}

/** What the console knows of the logged-in user. */
async function me(db: Db, userId: number) {
  const user = await loginRow(db, userId);
  const { requireTotp, ...organisation } = await organisationOf(db, user);
  return account(user, organisation, requireTotp);
}

function account(
  user: { id: number; email: string; name: string; role: string; partner_id: number | null; reseller_id: number | null; totp_enabled: number; locale: Locale },
  organisation: Organisation,
  requireTotp: boolean,
) {
  return {
    id: user.id,
    email: user.email,
    name: user.name,
    role: user.role,
    partner_id: user.partner_id,
    reseller_id: user.reseller_id,
    locale: user.locale,
    organisation,
    totp_enabled: user.totp_enabled === 1,
    // The organisation requires 2FA (it cannot then be turned off) / and this login has none yet.
    organisation_requires_totp: requireTotp,
    totp_required: requireTotp && user.totp_enabled !== 1,
  };
}

/** The routes of a logged-in user about their own login (allowed before 2FA enrolment). */
export function accountRoutes(db: Db, clock: Clock) {
  const router = Router();
  const current = (res: Response) => res.locals.user as SessionUser;
  const logEvent = (req: Request, res: Response, event: 'logout' | 'password_change' | 'totp_enabled' | 'totp_disabled') =>
    logAccess(db, requestMeta(req, clock), { event, email: current(res).email, user: current(res) });

  router.get('/me', (_req, res) => {
    const { requireTotp, ...organisation } = res.locals.organisation;
    res.json(account(current(res), organisation, requireTotp));
  });

  // The console's language switch: it stays with the login, and server-made text follows it.
  router.put('/locale', async (req, res) => {
    const { locale } = parseBody(LocaleInput, req.body);
    await setLocale(db, current(res).id, locale);
    res.json({ locale });
  });

  router.post('/logout', async (req, res) => {
    const token = sessionToken(req);
    if (token) await closeSession(db, token);
    await logEvent(req, res, 'logout');
    clearSessionCookie(req, res);
    res.json({ ok: true });
  });

  router.post('/password', async (req, res) => {
    const input = parseBody(PasswordChange, req.body);
    await changePassword(db, current(res).id, input, sessionToken(req));
    await logEvent(req, res, 'password_change');
    res.json({ ok: true });
  });

  router.post('/totp/setup', async (_req, res) => {
    const { secret, otpauth_url } = await startTotpSetup(db, current(res));
    res.json({ secret, otpauth_url, qr_code: await QRCode.toDataURL(otpauth_url) });
  });

  router.post('/totp/enable', async (req, res) => {
    const { code } = parseBody(CodeInput, req.body);
    const codes = await enableTotp(db, current(res).id, code);
    await logEvent(req, res, 'totp_enabled');
    res.json({ recovery_codes: codes });
  });

  router.post('/totp/disable', async (req, res) => {
    const { password } = parseBody(PasswordInput, req.body);
    await disableTotp(db, current(res).id, password, res.locals.organisation.requireTotp);
    await logEvent(req, res, 'totp_disabled');
    res.json({ ok: true });
  });
  return router;
}
