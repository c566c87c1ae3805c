import type { Locale } from '../../../../shared/contract.ts';
import type { Role } from '../../db/schema.ts';
import { manages, requireRole, type Scope } from '../access.ts';
import { changedValues, created, deleted, fieldChanges, recordChange } from '../changes.ts';
import type { ActionContext } from '../context.ts';
import type { Db, Tx } from '../../data/transact.ts';
import { ConflictError, ForbiddenError, NotFoundError, ValidationError } from '../errors.ts';
import { requirePartner, requireReseller } from '../hierarchy.ts';
import { searchKey } from '../search.ts';
import { isUniqueViolation } from '../../data/constraints.ts';

/**
 * Console logins. Admins manage every login; a partner its own and its resellers' logins; a
 * reseller its own organisation's. Only an admin creates admins.
 */

export interface UserRow {
  id: number;
  email: string;
  name: string;
  role: Role;
  partner_id: number | null;
  reseller_id: number | null;
  active: number;
  totp_enabled: number;
  locale: Locale;
}

export const scopeOf = (user: Pick<UserRow, 'id' | 'role' | 'partner_id' | 'reseller_id'>): Scope => ({
  role: user.role,
  userId: user.id,
  partnerId: user.partner_id,
  resellerId: user.reseller_id,
});

export interface Organisation {
  type: 'publisher' | 'partner' | 'reseller';
  id: number | null;
  name: string;
}

/** The organisation a login belongs to, as /api/auth/me shows it, and whether it requires 2FA. */
export async function organisationOf(tx: Db, user: UserRow): Promise<Organisation & { requireTotp: boolean }> {
  if (user.reseller_id !== null) {
    const r = await tx.selectFrom('resellers').select(['id', 'name', 'require_totp']).where('id', '=', user.reseller_id).executeTakeFirstOrThrow();
    return { type: 'reseller', id: r.id, name: r.name, requireTotp: r.require_totp === 1 };
  }
  if (user.partner_id !== null) {
    const p = await tx.selectFrom('partners').select(['id', 'name', 'require_totp']).where('id', '=', user.partner_id).executeTakeFirstOrThrow();
    return { type: 'partner', id: p.id, name: p.name, requireTotp: p.require_totp === 1 };
  }
  return { type: 'publisher', id: null, name: 'Cascade', requireTotp: false };
}

export interface UserInput {
  email: string;
  name: string;
  role: Role;
  partner_id?: number | null;
  reseller_id?: number | null;
  active?: boolean;
  /** Hashed before the transaction (scrypt is slow on purpose; the database must not wait for it). */
  passwordHash?: string;
}

/** Checks the role and organisation a scope gives a login, returning its partner and reseller ids. */
async function placeLogin(tx: Db, scope: Scope, input: Pick<UserInput, 'role' | 'partner_id' | 'reseller_id'>) {
  switch (input.role) {
    case 'admin':
      requireRole(scope, ['admin'], 'create or change admin logins');
      return { partner_id: null, reseller_id: null };
    case 'partner': {
      if (input.partner_id == null) throw new ValidationError('A partner login needs its partner', { partner_id: 'Required' });
      requireRole(scope, ['admin', 'partner'], 'create or change partner logins');
      const partner = await requirePartner(tx, input.partner_id, scope);
      return { partner_id: partner.id, reseller_id: null };
    }
    case 'reseller': {
      if (input.reseller_id == null) throw new ValidationError('A reseller login needs its reseller', { reseller_id: 'Required' });
      const reseller = await requireReseller(tx, input.reseller_id, scope);
      if (input.partner_id != null && input.partner_id !== reseller.partner_id) {
        throw new ValidationError('The reseller does not belong to this partner', { reseller_id: 'Belongs to another partner' });
      }
      return { partner_id: reseller.partner_id, reseller_id: reseller.id };
    }
  }
}

/**
 * E-mail addresses identify logins across every organisation, so a taken one must be refused; the
 * answer is the same whether the login is one the caller manages or belongs elsewhere, and names
 * nothing (the creation of logins is rate-limited per login, see routes/users.ts).
 */
const uniqueEmail = (error: unknown) =>
  isUniqueViolation(error)
    ? Object.assign(new ConflictError('This e-mail address cannot be used for this login: choose another one', { email: 'Not available' }), {
        code: 'email_unavailable',
      })
    : error;

export async function createUser(tx: Tx, ctx: ActionContext, input: UserInput): Promise<number> {
  const place = await placeLogin(tx, ctx.scope, input);
  if (!input.passwordHash) throw new ValidationError('A new login needs a password', { password: 'Required' });
  try {
    const { id } = await tx
      .insertInto('users')
      .values({
        email: input.email,
        name: input.name,
        role: input.role,
        ...place,
        active: input.active === false ? 0 : 1,
        password_hash: input.passwordHash,
        search_name: searchKey(input.name, input.email),
        created_at: ctx.now,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    await recordChange(tx, ctx, {
      action: 'create',
      resource: 'users',
      recordId: id,
      organisation: place.partner_id ? { partnerId: place.partner_id, resellerId: place.reseller_id } : null,
      data: created({ email: input.email, name: input.name, role: input.role, active: input.active !== false }),
    });
    return id;
  } catch (error) {
    throw uniqueEmail(error);
  }
}

/** Loads a login the scope manages; others are unknown (404). */
export async function requireManagedUser(tx: Db, scope: Scope, id: number) {
  const user = await tx.selectFrom('users').selectAll().where('id', '=', id).executeTakeFirst();
  const visible =
    user && (scope.role === 'admin' || (user.partner_id !== null && manages(scope, { partnerId: user.partner_id, resellerId: user.reseller_id })));
  if (!user || !visible) throw new NotFoundError('User', id);
  return user;
}

export async function updateUser(tx: Tx, ctx: ActionContext, id: number, input: UserInput): Promise<void> {
  const existing = await requireManagedUser(tx, ctx.scope, id);
  const place = await placeLogin(tx, ctx.scope, input);
  if (id === ctx.scope.userId && (input.active === false || input.role !== existing.role)) {
    throw new ForbiddenError('You cannot deactivate your own login or change your own role');
  }
  const changed = changedValues(existing, { email: input.email, name: input.name, role: input.role, ...place, active: input.active });
  if (Object.keys(changed).length === 0 && !input.passwordHash) return;
  try {
    await tx
      .updateTable('users')
      .set({
        email: input.email,
        name: input.name,
        role: input.role,
        ...place,
        active: input.active === undefined ? existing.active : input.active ? 1 : 0,
        search_name: searchKey(input.name, input.email),
        ...(input.passwordHash ? { password_hash: input.passwordHash } : {}),
      })
      .where('id', '=', id)
      .execute();
  } catch (error) {
    throw uniqueEmail(error);
  }
  // A deactivated login or a new password ends the login's sessions.
  if (input.active === false || input.passwordHash) await tx.deleteFrom('sessions').where('user_id', '=', id).execute();
  await recordChange(tx, ctx, {
    action: 'update',
    resource: 'users',
    recordId: id,
    organisation: place.partner_id ? { partnerId: place.partner_id, resellerId: place.reseller_id } : null,
    // A new password shows as changed, never as a value.
    data: { ...fieldChanges(existing, changed), ...(input.passwordHash ? { password: { from: '********', to: '********' } } : {}) },
  });
}

export async function deleteUser(tx: Tx, ctx: ActionContext, id: number): Promise<void> {
  const user = await requireManagedUser(tx, ctx.scope, id);
  if (id === ctx.scope.userId) throw new ForbiddenError('You cannot delete your own login');
  await tx.deleteFrom('recovery_codes').where('user_id', '=', id).execute();
  await tx.deleteFrom('sessions').where('user_id', '=', id).execute();
  await tx.deleteFrom('users').where('id', '=', id).execute();
  await recordChange(tx, ctx, {
    action: 'delete',
    resource: 'users',
    recordId: id,
    organisation: user.partner_id ? { partnerId: user.partner_id, resellerId: user.reseller_id } : null,
    data: deleted({ email: user.email, name: user.name, role: user.role }),
  });
}
