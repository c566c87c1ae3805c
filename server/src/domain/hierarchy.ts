import type { Tx } from './context.ts';
import { NotFoundError, ValidationError } from './errors.ts';

/** Lookups along publisher → partner → reseller → client. */

export interface Manager {
  partnerId: number;
  /** Null when the partner manages the client itself. */
  resellerId: number | null;
  name: string;
}

export async function requireProduct(tx: Tx, id: number, field = 'product_id') {
  const product = await tx.selectFrom('products').selectAll().where('id', '=', id).executeTakeFirst();
  if (!product) throw new ValidationError(`Unknown product ${id}`, { [field]: `Unknown product ${id}` });
  return product;
}

export async function requirePartner(tx: Tx, id: number, field = 'partner_id') {
  const partner = await tx.selectFrom('partners').selectAll().where('id', '=', id).executeTakeFirst();
  if (!partner) throw new ValidationError(`Unknown partner ${id}`, { [field]: `Unknown partner ${id}` });
  return partner;
}

export async function requireReseller(tx: Tx, id: number, field = 'reseller_id') {
  const reseller = await tx.selectFrom('resellers').selectAll().where('id', '=', id).executeTakeFirst();
  if (!reseller) throw new ValidationError(`Unknown reseller ${id}`, { [field]: `Unknown reseller ${id}` });
  return reseller;
}

/**
 * The organisation owning a new client: a reseller (and so its partner), or a partner alone.
 * A reseller given with another partner is refused.
 */
export async function resolveOwner(
  tx: Tx,
  input: { partner_id?: number | null; reseller_id?: number | null },
): Promise<Manager> {
  if (input.reseller_id != null) {
    const reseller = await requireReseller(tx, input.reseller_id);
    if (input.partner_id != null && input.partner_id !== reseller.partner_id) {
      throw new ValidationError('The reseller does not belong to this partner', {
        reseller_id: `Reseller ${reseller.id} belongs to partner ${reseller.partner_id}`,
      });
    }
    return { partnerId: reseller.partner_id, resellerId: reseller.id, name: reseller.name };
  }
  if (input.partner_id == null) {
    throw new ValidationError('A partner or a reseller is required', { partner_id: 'Required' });
  }
  const partner = await requirePartner(tx, input.partner_id);
  return { partnerId: partner.id, resellerId: null, name: partner.name };
}

/** The organisation whose pool pays for a client's subscriptions: its reseller if set, else its partner. */
export async function managerOfClient(tx: Tx, clientId: number): Promise<Manager> {
  const row = await tx
    .selectFrom('clients')
    .innerJoin('partners', 'partners.id', 'clients.partner_id')
    .leftJoin('resellers', 'resellers.id', 'clients.reseller_id')
    .select(['clients.partner_id', 'clients.reseller_id', 'partners.name as partner_name', 'resellers.name as reseller_name'])
    .where('clients.id', '=', clientId)
    .executeTakeFirst();
  if (!row) throw new NotFoundError('Client', clientId);
  return {
    partnerId: row.partner_id,
    resellerId: row.reseller_id,
    name: row.reseller_name ?? row.partner_name,
  };
}
