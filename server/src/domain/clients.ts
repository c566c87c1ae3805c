import { manages, type Scope } from './access.ts';
import type { ActionContext } from './context.ts';
import type { Tx } from '../data/transact.ts';
import { NotFoundError, ValidationError } from './errors.ts';
import { requireProduct, resolveOwner } from './hierarchy.ts';
import { move, poolFor } from './ledger.ts';
import { newTermEnd, termCost } from './renewal.ts';
import { searchKey } from './search.ts';
import { changedValues, recordChange } from './changes.ts';
import { settings } from './settings.ts';
import { undoDeadline } from './terms.ts';
import { refreshSubscriptions } from './derived.ts';
import { lockClient } from '../data/subscriptions.ts';

export interface NewClient {
  name: string;
  partner_id?: number | null;
  reseller_id?: number | null;
  subscriptions: { product_id: number; start_date: string; years: number; seats: number }[];
}

/**
 * Creates a client with its subscriptions and their first terms, each consuming seats × years
 * licenses from the manager's pool, also for a start date in the past (an imported contract).
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

  const { id: clientId } = await tx
    .insertInto('clients')
    .values({
      name: input.name,
      search_name: searchKey(input.name),
      partner_id: owner.partnerId,
      reseller_id: owner.resellerId,
      created_at: ctx.now,
      undo_until: undoDeadline(ctx.now, settings.undoWindowDays),
    })
    .returning('id')
    .executeTakeFirstOrThrow();

  const subscriptionIds: number[] = [];
  for (const [i, sub] of input.subscriptions.entries()) {
    const { id: subscriptionId } = await tx
      .insertInto('subscriptions')
      .values({
        client_id: clientId,
        product_id: sub.product_id,
        partner_id: owner.partnerId,
        reseller_id: owner.resellerId,
        client_name: input.name,
        search_name: searchKey(input.name),
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    const { id: termId } = await tx
      .insertInto('terms')
      .values({
        subscription_id: subscriptionId,
        start_date: sub.start_date,
        end_date: newTermEnd(sub.start_date, sub.years, `subscriptions.${i}.years`),
        years: sub.years,
        seats: sub.seats,
        created_at: ctx.now,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    const pool = await poolFor(tx, owner, sub.product_id);
    await move(tx, ctx, {
      kind: 'consume',
      productId: sub.product_id,
      quantity: termCost(sub.seats, sub.years),
      fromPoolId: pool.id,
      toPoolId: null,
      subscriptionId,
      clientId,
      termId,
      field: `subscriptions.${i}.seats`,
    });
    subscriptionIds.push(subscriptionId);
  }
  await refreshSubscriptions(tx, subscriptionIds, ctx.today);
  await recordChange(tx, ctx, { action: 'create', resource: 'clients', recordId: clientId, organisation: owner, data: input });
  return clientId;
}

/** A live client the scope manages; any other is unknown to it (404), like a missing one. */
export async function loadClient(tx: Tx, id: number, scope: Scope) {
  const client = await tx.selectFrom('clients').selectAll().where('id', '=', id).where('archived', '=', 0).executeTakeFirst();
  if (!client || !manages(scope, { partnerId: client.partner_id, resellerId: client.reseller_id })) throw new NotFoundError('Client', id);
  return client;
}

/** Renames a client or moves it to another reseller of the same partner (or back to the partner). */
export async function updateClient(
  tx: Tx,
  ctx: ActionContext,
  id: number,
  changes: { name?: string; reseller_id?: number | null },
): Promise<void> {
  await lockClient(tx, { clientId: id });
  const client = await loadClient(tx, id, ctx.scope);
  if (Object.keys(changedValues(client, changes)).length === 0) return;
  const resellerId = changes.reseller_id === undefined ? client.reseller_id : changes.reseller_id;
  const owner = await resolveOwner(tx, { partner_id: client.partner_id, reseller_id: resellerId }, ctx.scope);
  const name = changes.name ?? client.name;
  const search_name = searchKey(name);
  await tx.updateTable('clients').set({ name, search_name, reseller_id: owner.resellerId }).where('id', '=', id).execute();
  await tx
    .updateTable('subscriptions')
    .set({ client_name: name, search_name, reseller_id: owner.resellerId })
    .where('client_id', '=', id)
    .execute();
  await recordChange(tx, ctx, { action: 'update', resource: 'clients', recordId: id, organisation: owner, data: changes });
}
