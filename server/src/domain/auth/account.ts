import type { Locale } from '../../../../shared/contract.ts';
import { transact, type Db } from '../../data/transact.ts';
import { ConflictError, ForbiddenError, UnauthorizedError, ValidationError } from '../errors.ts';
import { hashPassword, verifyPassword } from './passwords.ts';
import { closeOtherSessions } from './sessions.ts';
import { checkTotp, hashRecoveryCode, newRecoveryCodes, newTotpSecret, totpUri } from './totp.ts';

/** What a logged-in user does to their own login: change its password, turn two-factor authentication on or off. */

/** The whole row of a login (its password hash and TOTP secret too). */
export const loginRow = (tx: Db, userId: number) => tx.selectFrom('users').selectAll().where('id', '=', userId).executeTakeFirstOrThrow();

export async function setLocale(db: Db, userId: number, locale: Locale): Promise<void> {
  await db.updateTable('users').set({ locale }).where('id', '=', userId).execute();
}

/** The current password must be right; the login's other sessions are closed, `keepToken`'s stays. */
export async function changePassword(
  db: Db,
  userId: number,
  input: { current_password: string; new_password: string },
  keepToken: string | undefined,
): Promise<void> {
  const user = await loginRow(db, userId);
  if (!(await verifyPassword(input.current_password, user.password_hash))) {
    throw new ValidationError('The current password is wrong', { current_password: 'Wrong password' });
  }
  const passwordHash = await hashPassword(input.new_password);
  await transact(db, async (tx) => {
    await tx.updateTable('users').set({ password_hash: passwordHash }).where('id', '=', userId).execute();
    await closeOtherSessions(tx, userId, keepToken);
  });
}

/** A new TOTP secret for the login, kept until a code proves the authenticator app has it. */
export async function startTotpSetup(db: Db, user: { id: number; email: string; totp_enabled: number }) {
  if (user.totp_enabled === 1) throw new ConflictError('Two-factor authentication is already on');
  const secret = newTotpSecret();
  await db.updateTable('users').set({ totp_secret: secret }).where('id', '=', user.id).execute();
  return { secret, otpauth_url: totpUri(user.email, secret) };
}

/** Turns 2FA on once a code from the set-up secret checks; answers the new recovery codes (shown once). */
export async function enableTotp(db: Db, userId: number, code: string): Promise<string[]> {
  const user = await loginRow(db, userId);
  if (user.totp_enabled === 1) throw new ConflictError('Two-factor authentication is already on');
  if (!user.totp_secret) throw new ConflictError('Start the set-up first (POST /api/auth/totp/setup)');
  if (!(await checkTotp(user.totp_secret, code))) throw new ValidationError('Invalid code', { code: 'Invalid code' });
  const codes = newRecoveryCodes();
  await transact(db, async (tx) => {
    await tx.updateTable('users').set({ totp_enabled: 1 }).where('id', '=', user.id).execute();
    await tx.deleteFrom('recovery_codes').where('user_id', '=', user.id).execute();
    await tx.insertInto('recovery_codes').values(codes.map((c) => ({ user_id: user.id, code_hash: hashRecoveryCode(c) }))).execute();
  });
  return codes;
}

/** Turns 2FA off with the password, unless the login's organisation requires it. */
export async function disableTotp(db: Db, userId: number, password: string, organisationRequiresTotp: boolean): Promise<void> {
  if (organisationRequiresTotp) {
    throw new ForbiddenError('Your organisation requires two-factor authentication', 'totp_enrolment_required');
  }
  const user = await loginRow(db, userId);
  if (!(await verifyPassword(password, user.password_hash))) throw new UnauthorizedError('Wrong password', 'invalid_credentials');
  await transact(db, async (tx) => {
    await tx.updateTable('users').set({ totp_enabled: 0, totp_secret: null }).where('id', '=', user.id).execute();
    await tx.deleteFrom('recovery_codes').where('user_id', '=', user.id).execute();
  });
}
