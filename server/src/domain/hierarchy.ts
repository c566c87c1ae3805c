import { clientOrganisation } from '../data/subscriptions.ts';
import { manages, type Organisation, type Scope } from './access.ts';
import type { Db, Tx } from '../data/transact.ts';
import { ForbiddenError, NotFoundError, ValidationError } from './errors.ts';

/**
 * Lookups along publisher → partner → reseller → client. An organisation out of the caller's
 * scope is reported exactly like a missing one, so ids do not leak.
 */

export interface Manager extends Organisation {
  name: string;
}

const unknown = (what: string, id: number, field: string) =>
  new ValidationError(`Unknown ${what} ${id}`, { [field]: `Unknown ${what} ${id}` });

export async function requireProduct(tx: Db, id: number, field = 'product_id') {
  const product = await tx.selectFrom('products').selectAll().where('id', '=', id).executeTakeFirst();
  if (!product) throw unknown('product', id, field);
  return product;
}

/** A partner the scope can see (its own for partners and resellers). */
export async function requirePartner(tx: Db, id: number, scope: Scope, field = 'partner_id') {
  const partner = await tx.selectFrom('partners').selectAll().where('id', '=', id).executeTakeFirst();
  if (!partner || (scope.role !== 'admin' && scope.partnerId !== id)) throw unknown('partner', id, field);
  return partner;
}

/** A reseller the scope can see (a partner's own resellers, a reseller itself). */
export async function requireReseller(tx: Db, id: number, scope: Scope, field = 'reseller_id') {
  const reseller = await tx.selectFrom('resellers').selectAll().where('id', '=', id).executeTakeFirst();
  if (!reseller || !manages(scope, { partnerId: reseller.partner_id, resellerId: reseller.id })) {
    throw unknown('reseller', id, field);
  }
  return reseller;
}

/**
 * The organisation owning a new client: a reseller (and so its partner), or a partner alone.
 * A reseller given with another partner is refused, and the caller must manage the owner.
 */
export async function resolveOwner(
  tx: Db,
  input: { partner_id?: number | null; reseller_id?: number | null },
  scope: Scope,
): Promise<Manager> {
  // Partners and resellers who name no owner create for their own organisation.
  const given = input.partner_id != null || input.reseller_id != null;
  const resellerId = input.reseller_id ?? (!given && scope.role === 'reseller' ? scope.resellerId : null);
  const partnerId = input.partner_id ?? (!given && scope.role === 'partner' ? scope.partnerId : null);
  let owner: Manager;
  if (resellerId != null) {
    const reseller = await requireReseller(tx, resellerId, scope);
    if (partnerId != null && partnerId !== reseller.partner_id) {
      throw new ValidationError('The reseller does not belong to this partner', {
        reseller_id: `Reseller ${reseller.id} belongs to another partner`,
      });
    }
    owner = { partnerId: reseller.partner_id, resellerId: reseller.id, name: reseller.name };
  } else {
    if (partnerId == null) {
      throw new ValidationError('A partner or a reseller is required', { partner_id: 'Required' });
    }
    const partner = await requirePartner(tx, partnerId, scope);
    owner = { partnerId: partner.id, resellerId: null, name: partner.name };
  }
  if (!manages(scope, owner)) {
    throw new ForbiddenError('Resellers manage their own clients only: choose your organisation as the reseller');
  }
  return owner;
}

/** The organisation whose pool pays for a client's subscriptions: its reseller if set, else its partner. */
export async function managerOfClient(tx: Tx, clientId: number): Promise<Manager> {
  const row = await clientOrganisation(tx, clientId);
  if (!row) throw new NotFoundError('Client', clientId);
  return { partnerId: row.partner_id, resellerId: row.reseller_id, name: row.reseller_name ?? row.partner_name };
}
