import { manages, type Organisation, type Scope } from './access.ts';
import type { ActionContext } from './context.ts';
import type { Tx } from '../data/transact.ts';
import { ConflictError, NotFoundError, ValidationError } from './errors.ts';
import { requireProduct, resolveOwner } from './hierarchy.ts';
import { move, poolFor } from './ledger.ts';
import { newTermEnd, termCost } from './renewal.ts';
import { searchKey } from './search.ts';
import { changedValues, created, fieldChanges, recordChange } from './changes.ts';
import { settings } from './settings.ts';
import { undoDeadline } from './terms.ts';
import { refreshSubscriptions } from './derived.ts';
import { lockClient } from '../data/subscriptions.ts';

export interface NewSubscription {
  product_id: number;
  start_date: string;
  years: number;
  seats: number;
}

export interface NewClient {
  name: string;
  reference?: string | null;
  partner_id?: number | null;
  reseller_id?: number | null;
  subscriptions: NewSubscription[];
}

/** What a client is found by: its name and its reference (`q` searches both). */
const clientSearchKey = (name: string, reference: string | null) => searchKey(name, reference);

/** The stored key that makes a reference unique per manager, whatever its case; null without a reference. */
const referenceKey = (reference: string | null, manager: Organisation) =>
  reference === null ? null : `${manager.resellerId !== null ? `r${manager.resellerId}` : `p${manager.partnerId}`}:${reference.normalize('NFC').toLowerCase()}`;

/** A reference already given to another live client of the same manager is refused (409 naming `reference`). */
async function requireFreeReference(tx: Tx, key: string | null, exceptClientId: number | null) {
  if (key === null) return;
  let query = tx.selectFrom('clients').select('id').where('reference_key', '=', key).where('archived', '=', 0);
  if (exceptClientId !== null) query = query.where('id', '<>', exceptClientId);
  if (await query.executeTakeFirst()) {
    const error = new ConflictError('Another client of this manager already has this reference', { reference: 'Already used by another client' });
    error.code = 'reference_taken';
    throw error;
  }
}

/**
 * A subscription and its first term for a client, consuming seats × years licenses from the
 * manager's pool (also for a start date in the past: an imported contract). `field` prefixes the
 * fields a refusal names. Resolves to the subscription's id and what the pool has left.
 */
async function addSubscriptionTo(
  tx: Tx,
  ctx: ActionContext,
  client: { id: number; name: string; search_name: string; owner: Organisation },
  sub: NewSubscription,
  field: (name: keyof NewSubscription) => string,
): Promise<{ subscriptionId: number; remaining_after: number }> {
  const { id: subscriptionId } = await tx
    .insertInto('subscriptions')
    .values({
      client_id: client.id,
      product_id: sub.product_id,
      partner_id: client.owner.partnerId,
      reseller_id: client.owner.resellerId,
      client_name: client.name,
      search_name: client.search_name,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  const { id: termId } = await tx
    .insertInto('terms')
    .values({
      subscription_id: subscriptionId,
      start_date: sub.start_date,
      end_date: newTermEnd(sub.start_date, sub.years, field('years')),
      years: sub.years,
      seats: sub.seats,
      created_at: ctx.now,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  const pool = await poolFor(tx, client.owner, sub.product_id);
  const { remaining } = await move(tx, ctx, {
    kind: 'consume',
    productId: sub.product_id,
    quantity: termCost(sub.seats, sub.years),
    fromPoolId: pool.id,
    toPoolId: null,
    subscriptionId,
    clientId: client.id,
    termId,
    field: field('seats'),
  });
  return { subscriptionId, remaining_after: remaining! };
}

/**
 * Creates a client with its subscriptions and their first terms (see addSubscriptionTo).
 * All or nothing: a short pool rolls the whole creation back.
 */
export async function createClient(tx: Tx, ctx: ActionContext, input: NewClient): Promise<number> {
  const owner = await resolveOwner(tx, input, ctx.scope);
  const seen = new Set<number>();
  for (const [i, sub] of input.subscriptions.entries()) {
    await requireProduct(tx, sub.product_id, `subscriptions.${i}.product_id`);
    if (seen.has(sub.product_id)) {
      throw new ValidationError('A client has one subscription per product', {
        [`subscriptions.${i}.product_id`]: 'This product is already listed',
      });
    }
    seen.add(sub.product_id);
  }
  const reference = input.reference || null;
  const reference_key = referenceKey(reference, owner);
  await requireFreeReference(tx, reference_key, null);

  const search_name = clientSearchKey(input.name, reference);
  const { id: clientId } = await tx
    .insertInto('clients')
    .values({
      name: input.name,
      reference,
      reference_key,
      search_name,
      partner_id: owner.partnerId,
      reseller_id: owner.resellerId,
      created_at: ctx.now,
      undo_until: undoDeadline(ctx.now, settings.undoWindowDays),
    })
    .returning('id')
    .executeTakeFirstOrThrow();

  const client = { id: clientId, name: input.name, search_name, owner };
  const subscriptionIds: number[] = [];
  for (const [i, sub] of input.subscriptions.entries()) {
    const { subscriptionId } = await addSubscriptionTo(tx, ctx, client, sub, (name) => `subscriptions.${i}.${name}`);
    subscriptionIds.push(subscriptionId);
  }
  await refreshSubscriptions(tx, subscriptionIds, ctx.today);
  await recordChange(tx, ctx, { action: 'create', resource: 'clients', recordId: clientId, organisation: owner, data: created({ ...input, reference }) });
  return clientId;
}

/** A live client the scope manages; any other is unknown to it (404), like a missing one. */
export async function loadClient(tx: Tx, id: number, scope: Scope) {
  const client = await tx.selectFrom('clients').selectAll().where('id', '=', id).where('archived', '=', 0).executeTakeFirst();
  if (!client || !manages(scope, { partnerId: client.partner_id, resellerId: client.reseller_id })) throw new NotFoundError('Client', id);
  return client;
}

export interface ClientChanges {
  name?: string;
  /** Null or '' clears it. */
  reference?: string | null;
  reseller_id?: number | null;
}

/**
 * Renames a client, sets its reference, or moves it to another reseller of the same partner (or
 * back to the partner). A reseller login cannot move a client: other resellers are unknown to it
 * (400 naming reseller_id, as in a creation) and its partner is not its to manage (403).
 */
export async function updateClient(tx: Tx, ctx: ActionContext, id: number, input: ClientChanges): Promise<void> {
  await lockClient(tx, { clientId: id });
  const client = await loadClient(tx, id, ctx.scope);
  const changes = { ...input, ...(input.reference !== undefined ? { reference: input.reference || null } : {}) };
  const changed = changedValues(client, changes);
  if (Object.keys(changed).length === 0) return;
  const resellerId = changes.reseller_id === undefined ? client.reseller_id : changes.reseller_id;
  const owner = await resolveOwner(tx, { partner_id: client.partner_id, reseller_id: resellerId }, ctx.scope);
  const name = changes.name ?? client.name;
  const reference = changes.reference === undefined ? client.reference : changes.reference;
  const reference_key = referenceKey(reference, owner);
  await requireFreeReference(tx, reference_key, id);
  const search_name = clientSearchKey(name, reference);
  await tx.updateTable('clients').set({ name, reference, reference_key, search_name, reseller_id: owner.resellerId }).where('id', '=', id).execute();
  await tx
    .updateTable('subscriptions')
    .set({ client_name: name, search_name, reseller_id: owner.resellerId })
    .where('client_id', '=', id)
    .execute();
  await recordChange(tx, ctx, { action: 'update', resource: 'clients', recordId: id, organisation: owner, data: fieldChanges(client, changed) });
}

/**
 * Adds a product to an existing client: a new subscription and its first term, paid like a
 * creation (409 when the manager's pool is short). A product the client already has is a 400.
 */
export async function addProductToClient(tx: Tx, ctx: ActionContext, clientId: number, sub: NewSubscription) {
  await lockClient(tx, { clientId });
  const client = await loadClient(tx, clientId, ctx.scope);
  await requireProduct(tx, sub.product_id);
  const existing = await tx.selectFrom('subscriptions').select('id').where('client_id', '=', clientId).where('product_id', '=', sub.product_id).executeTakeFirst();
  if (existing) throw new ValidationError('The client already has this product', { product_id: 'The client already has this product' });
  const owner = { partnerId: client.partner_id, resellerId: client.reseller_id };
  const added = await addSubscriptionTo(tx, ctx, { id: clientId, name: client.name, search_name: client.search_name, owner }, sub, (name) => name);
  await refreshSubscriptions(tx, [added.subscriptionId], ctx.today);
  await recordChange(tx, ctx, { action: 'add_product', resource: 'clients', recordId: clientId, organisation: owner, data: created(sub) });
  return added;
}
