import { createHash, randomBytes } from 'node:crypto';
import type { ApiKeyScope, Role } from '../../db/schema.ts';
import type { Db, Tx } from '../../data/transact.ts';
import { organisationColumns, ownOrganisation, type Scope } from '../access.ts';
import { created, recordChange } from '../changes.ts';
import type { ActionContext } from '../context.ts';
import { ForbiddenError, NotFoundError, ValidationError } from '../errors.ts';

/**
 * API keys (DESIGN §7): a machine acts as its organisation (the publisher, a partner or a reseller)
 * with exactly the scope a login of that organisation has. The secret (`csk_` + 32 random bytes)
 * is shown once; the database keeps its SHA-256 only. A fast unsalted hash is enough here, unlike
 * passwords: the secret carries 256 bits of randomness, so no dictionary or brute force can reach
 * it from the hash, and one indexed lookup per request stays cheap (scrypt would cost ~50 ms each).
 * `prefix` (the first 12 characters) is what people recognise a key by in lists and logs.
 */

export const API_KEY_PREFIX = 'csk_';
const SHOWN_PREFIX_LENGTH = 12;

export const hashApiKey = (secret: string) => createHash('sha256').update(secret).digest('hex');

/** The keys a scope manages: its own organisation's, never another's (an admin: the publisher's). */
export const ownKeys = (scope: Scope) => ownOrganisation(scope, 'api_keys.partner_id', 'api_keys.reseller_id');

/** What the trail and the ledger name a key by ("Clé API « CRM »"). */
export const apiKeyActor = (name: string) => `Clé API « ${name} »`;

export interface NewApiKey {
  name: string;
  scope: ApiKeyScope;
  expires_at?: string | null;
}

/** Creates a key for the caller's organisation; resolves to its id and its secret (never stored). */
export async function createApiKey(tx: Tx, ctx: ActionContext, input: NewApiKey): Promise<{ id: number; secret: string }> {
  if (input.scope === 'usage' && ctx.scope.role !== 'admin') {
    throw new ForbiddenError('Only the publisher may create usage keys', 'usage_key_publisher_only');
  }
  if (input.expires_at && Date.parse(input.expires_at) <= Date.parse(ctx.now)) {
    const error = new ValidationError('The expiry must be in the future', { expires_at: 'Must be in the future' });
    error.code = 'expiry_in_past';
    throw error;
  }
  const secret = API_KEY_PREFIX + randomBytes(32).toString('base64url');
  const organisation = organisationColumns(ctx.scope);
  const { id } = await tx
    .insertInto('api_keys')
    .values({
      name: input.name,
      prefix: secret.slice(0, SHOWN_PREFIX_LENGTH),
      secret_hash: hashApiKey(secret),
      scope: input.scope,
      ...organisation,
      created_by: ctx.scope.userId,
      expires_at: input.expires_at ? new Date(input.expires_at).toISOString() : null,
      created_at: ctx.now,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  await recordChange(tx, ctx, {
    action: 'create',
    resource: 'api_keys',
    recordId: id,
    organisation: organisation.partner_id === null ? null : { partnerId: organisation.partner_id, resellerId: organisation.reseller_id },
    data: created({ name: input.name, scope: input.scope, expires_at: input.expires_at ?? null }),
  });
  return { id, secret };
}

/** Revokes one of the caller's organisation's keys at once; revoking a revoked key changes nothing. */
export async function revokeApiKey(tx: Tx, ctx: ActionContext, id: number): Promise<void> {
  const key = await tx.selectFrom('api_keys').selectAll().where('id', '=', id).where(ownKeys(ctx.scope)).executeTakeFirst();
  if (!key) throw new NotFoundError('API key', id);
  if (key.revoked_at !== null) return;
  await tx.updateTable('api_keys').set({ revoked_at: ctx.now }).where('id', '=', id).execute();
  await recordChange(tx, ctx, {
    action: 'revoke',
    resource: 'api_keys',
    recordId: id,
    organisation: key.partner_id === null ? null : { partnerId: key.partner_id, resellerId: key.reseller_id },
    data: { revoked_at: { from: null, to: ctx.now } },
  });
}

/** A key as authentication sees it: its organisation as a scope, and its rights. */
export interface LiveApiKey {
  id: number;
  name: string;
  prefix: string;
  scope: ApiKeyScope;
  partner_id: number | null;
  reseller_id: number | null;
  role: Role;
}

const roleOf = (key: { partner_id: number | null; reseller_id: number | null }): Role =>
  key.reseller_id !== null ? 'reseller' : key.partner_id !== null ? 'partner' : 'admin';

/**
 * The key a secret names if it is live at `now` (not revoked, not expired), else null. Read from the
 * database on every request (one indexed lookup), so a revocation holds at once on every server.
 * Its last use is written at most once a minute.
 */
export async function liveApiKey(db: Db, secret: string, now: string): Promise<LiveApiKey | null> {
  if (!secret.startsWith(API_KEY_PREFIX)) return null;
  const key = await db.selectFrom('api_keys').selectAll().where('secret_hash', '=', hashApiKey(secret)).executeTakeFirst();
  if (!key || key.revoked_at !== null) return null;
  if (key.expires_at !== null && Date.parse(key.expires_at) <= Date.parse(now)) return null;
  if (key.last_used_at === null || Date.parse(now) - Date.parse(key.last_used_at) >= 60_000) {
    await db.updateTable('api_keys').set({ last_used_at: now }).where('id', '=', key.id).execute();
  }
  const { id, name, prefix, scope, partner_id, reseller_id } = key;
  return { id, name, prefix, scope, partner_id, reseller_id, role: roleOf(key) };
}

/** The scope a key acts with: that of a login of its organisation (no login of its own). */
export const scopeOfKey = (key: LiveApiKey): Scope => ({ role: key.role, userId: null, partnerId: key.partner_id, resellerId: key.reseller_id });

/**
 * The owner of a key's idempotency records: keys are stored per owner id, and logins own positive
 * ids; a key owns the negative of its own id, so the two never meet.
 */
export const idempotencyOwnerOfKey = (keyId: number) => -keyId;
