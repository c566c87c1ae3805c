import type { AccessEvent } from '../../db/schema.ts';
import type { Db } from '../../data/transact.ts';
import { AppError, UnauthorizedError } from '../errors.ts';
import { settings } from '../settings.ts';
import { verifyAgainstNothing, verifyPassword } from './passwords.ts';
import { openSession } from './sessions.ts';
import { checkTotp, hashRecoveryCode } from './totp.ts';

/**
 * Logging in: password, then the two-factor code when the login has one. A wrong password and an
 * unknown or inactive email get the same answer in the same time (no user enumeration); too many
 * failures for one account within the window are refused before any check.
 */

export interface RequestMeta {
  ip: string | null;
  userAgent: string | null;
  /** Real time, epoch ms. */
  instant: number;
}

export async function logAccess(
  db: Db,
  meta: RequestMeta,
  entry: {
    event: AccessEvent;
    email: string;
    user?: { id: number; partner_id: number | null; reseller_id: number | null } | null;
    reason?: string;
    /** An API key's use: the key, and its organisation in place of a login's. */
    apiKey?: { id: number; partner_id: number | null; reseller_id: number | null };
  },
) {
  await db
    .insertInto('access_log')
    .values({
      event: entry.event,
      email: entry.email,
      user_id: entry.user?.id ?? null,
      partner_id: (entry.user ?? entry.apiKey)?.partner_id ?? null,
      reseller_id: (entry.user ?? entry.apiKey)?.reseller_id ?? null,
      api_key_id: entry.apiKey?.id ?? null,
      reason: entry.reason ?? null,
      ip: meta.ip,
      user_agent: meta.userAgent?.slice(0, 500) ?? null,
      created_at: new Date(meta.instant).toISOString(),
    })
    .execute();
}

export class TooManyAttemptsError extends AppError {
  constructor() {
    super(429, `Too many failed login attempts: try again in ${settings.loginWindowMinutes} minutes`);
    this.code = 'too_many_attempts';
    this.details = { minutes: settings.loginWindowMinutes };
  }
}

const invalidCredentials = () => new UnauthorizedError('Invalid email or password', 'invalid_credentials');

async function recentFailures(db: Db, email: string, instant: number): Promise<number> {
  const since = new Date(instant - settings.loginWindowMinutes * 60_000).toISOString();
  const row = await db
    .selectFrom('access_log')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('event', '=', 'login_failure')
    .where('email', '=', email)
    .where('created_at', '>=', since)
    .where((eb) => eb.or([eb('reason', 'is', null), eb('reason', '!=', 'rate_limited')]))
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

/** Checks a second factor: a current TOTP code, or an unused recovery code (then spent). */
async function secondFactor(db: Db, user: { id: number; totp_secret: string | null }, code: string): Promise<'totp' | 'recovery' | null> {
  if (user.totp_secret && (await checkTotp(user.totp_secret, code.replace(/\s/g, '')))) return 'totp';
  const spent = await db
    .updateTable('recovery_codes')
    .set({ used_at: new Date().toISOString() })
    .where('user_id', '=', user.id)
    .where('code_hash', '=', hashRecoveryCode(code))
    .where('used_at', 'is', null)
    .executeTakeFirst();
  return spent.numUpdatedRows > 0n ? 'recovery' : null;
}

export async function login(
  db: Db,
  input: { email: string; password: string; code?: string },
  meta: RequestMeta,
): Promise<{ token: string; userId: number }> {
  const email = input.email.trim().toLowerCase();
  const user = await db.selectFrom('users').selectAll().where('email', '=', email).executeTakeFirst();
  if ((await recentFailures(db, email, meta.instant)) >= settings.loginFailuresPerAccount) {
    // Logged with the login, so its partner sees the attempts against its own logins.
    await logAccess(db, meta, { event: 'login_failure', email, user, reason: 'rate_limited' });
    throw new TooManyAttemptsError();
  }
  const passwordOk = user ? await verifyPassword(input.password, user.password_hash) : await verifyAgainstNothing(input.password);
  if (!user || !passwordOk || user.active !== 1) {
    const reason = !user ? 'unknown_email' : !passwordOk ? 'bad_password' : 'inactive';
    await logAccess(db, meta, { event: 'login_failure', email, user, reason });
    throw invalidCredentials();
  }
  if (user.totp_enabled === 1) {
    if (!input.code) throw new UnauthorizedError('Enter the code of your authenticator app', 'totp_required');
    const factor = await secondFactor(db, user, input.code);
    if (!factor) {
      await logAccess(db, meta, { event: 'login_failure', email, user, reason: 'bad_code' });
      throw new UnauthorizedError('Invalid two-factor code', 'invalid_totp');
    }
    if (factor === 'recovery') await logAccess(db, meta, { event: 'recovery_code_used', email, user });
  }
  const token = await openSession(db, user.id, meta.instant);
  await logAccess(db, meta, { event: 'login_success', email, user });
  return { token, userId: user.id };
}
