import { randomBytes } from 'node:crypto';
import { WEBHOOK_EVENTS, type WebhookEvent } from '../../../shared/contract.ts';
import type { Tx } from '../data/transact.ts';
import { checkTargetUrl, type TargetPolicy } from '../webhooks/targets.ts';
import { changedValues, created, deleted, fieldChanges, recordChange } from './changes.ts';
import type { ActionContext } from './context.ts';
import { organisationColumns } from './access.ts';
import { ValidationError } from './errors.ts';

/**
 * An organisation's webhook endpoints (DESIGN §7), managed by its own logins (every login that
 * may manage its organisation's users). Records out of the caller's organisation are unknown: the
 * routes read them through the resource's scope first (404).
 */

export interface WebhookChanges {
  url?: string;
  events?: string[];
  active?: boolean;
}

/** The chosen events, each a known one, without repeats; 400 `unknown_event` otherwise. */
export function checkEvents(events: string[]): WebhookEvent[] {
  const unknown = events.find((e) => !(WEBHOOK_EVENTS as readonly string[]).includes(e));
  if (unknown !== undefined) {
    const message = `Unknown event ${JSON.stringify(unknown)}: expected some of ${WEBHOOK_EVENTS.join(', ')}`;
    throw Object.assign(new ValidationError(message, { events: message }), { code: 'unknown_event' });
  }
  return [...new Set(events)] as WebhookEvent[];
}

/** A signing secret: `whsec_` and 32 random bytes in hex. */
export const newWebhookSecret = () => `whsec_${randomBytes(32).toString('hex')}`;

/** Registers an endpoint for the caller's organisation; resolves to its id and its secret (shown once). */
export async function createWebhook(tx: Tx, ctx: ActionContext, policy: TargetPolicy, input: { url: string; events: string[] }) {
  const url = checkTargetUrl(input.url, policy);
  const events = checkEvents(input.events);
  const secret = newWebhookSecret();
  const organisation = organisationColumns(ctx.scope);
  const { id } = await tx
    .insertInto('webhooks')
    .values({ ...organisation, url, events: JSON.stringify(events), secret, created_by: ctx.actor, created_at: ctx.now })
    .returning('id')
    .executeTakeFirstOrThrow();
  // The change trail never holds the secret.
  await recordChange(tx, ctx, { action: 'create', resource: 'webhooks', recordId: id, organisation: organisationOf(organisation), data: created({ url, events: events.join(', ') }) });
  return { id, secret };
}

/** A webhook's organisation as the change trail files it (none: the publisher's). */
const organisationOf = (row: { partner_id: number | null; reseller_id: number | null }) =>
  row.partner_id === null ? null : { partnerId: row.partner_id, resellerId: row.reseller_id };

const webhookRow = (tx: Tx, id: number) =>
  tx.selectFrom('webhooks').select(['url', 'events', 'active', 'partner_id', 'reseller_id']).where('id', '=', id).executeTakeFirstOrThrow();

/** Changes an endpoint's URL, events or activity (a reactivated endpoint sends what waited meanwhile). */
export async function updateWebhook(tx: Tx, ctx: ActionContext, policy: TargetPolicy, id: number, changes: WebhookChanges): Promise<void> {
  const current = await webhookRow(tx, id);
  const changed = changedValues(current, {
    ...(changes.url !== undefined ? { url: checkTargetUrl(changes.url, policy) } : {}),
    ...(changes.events !== undefined ? { events: JSON.stringify(checkEvents(changes.events)) } : {}),
    ...(changes.active !== undefined ? { active: changes.active } : {}),
  });
  if (Object.keys(changed).length === 0) return;
  const { active, ...rest } = changed;
  await tx
    .updateTable('webhooks')
    .set({ ...rest, ...(active !== undefined ? { active: active ? 1 : 0 } : {}) })
    .where('id', '=', id)
    .execute();
  await recordChange(tx, ctx, { action: 'update', resource: 'webhooks', recordId: id, organisation: organisationOf(current), data: fieldChanges(current, changed) });
}

/** Deletes an endpoint and its delivery log (the events stay in the outbox for the other endpoints). */
export async function deleteWebhook(tx: Tx, ctx: ActionContext, id: number): Promise<void> {
  const current = await webhookRow(tx, id);
  await tx.deleteFrom('webhook_deliveries').where('webhook_id', '=', id).execute();
  await tx.deleteFrom('webhooks').where('id', '=', id).execute();
  await recordChange(tx, ctx, { action: 'delete', resource: 'webhooks', recordId: id, organisation: organisationOf(current), data: deleted({ url: current.url }) });
}

/**
 * "Renvoyer": the delivery is due again now, whatever its state (a delivered one is sent once more
 * on purpose), with a new 3-day window before it is given up.
 */
export async function requeueDelivery(tx: Tx, id: number): Promise<void> {
  await tx.updateTable('webhook_deliveries').set({ status: 'pending', next_attempt_at: null, first_attempt_at: null }).where('id', '=', id).execute();
}
