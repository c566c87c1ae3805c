import { randomBytes } from 'node:crypto';
import type { WebhookEvent } from '../../../shared/contract.ts';
import type { Tx } from '../data/transact.ts';
import { SYSTEM_SCOPE } from '../domain/access.ts';
import { getRecord, type ResourceSpec } from '../http/resource.ts';
import { invoicesSpec, ordersSpec } from '../resources/orders.ts';
import { poolsSpec } from '../resources/pools.ts';
import { subscriptionsSpec } from '../resources/subscriptions.ts';

/**
 * The webhooks' outbox (DESIGN §7). A change records its event in its own transaction, so the
 * event exists exactly when the change committed (a crash loses none, a rollback sends none), and
 * one delivery per endpoint that chose the type and may see the record. The delivery worker
 * (webhooks/worker.ts) sends them later, from any server.
 */

/** The resources an event may describe; `data` is the record as `GET /api/<resource>/:id` answers it. */
type Subject = 'subscriptions' | 'pools' | 'orders' | 'invoices';
// Read when an event is recorded (not at load: the domain modules importing this one are theirs too).
const specOf = (resource: Subject): ResourceSpec =>
  ({ subscriptions: subscriptionsSpec, pools: poolsSpec, orders: ordersSpec, invoices: invoicesSpec })[resource];

export interface NewEvent {
  type: WebhookEvent;
  /** The record the event is about. */
  subject: { resource: Subject; id: number };
  /** When set, the event is recorded once for this key, whoever records it again (reruns, other servers). */
  key?: string;
  /** The instant of the change (the action's `now`). */
  now: string;
}

/** A public event id: `evt_` and 24 hex digits. */
export const newEventId = () => `evt_${randomBytes(12).toString('hex')}`;

/**
 * Records an event and its deliveries in the caller's transaction; resolves to the event id, or
 * null when no active endpoint wants it (nothing is stored then) or its key was recorded before.
 * Endpoints that may see a record: the publisher's all; a partner's those of its own and its
 * resellers' organisation; a reseller's its own.
 */
export async function recordEvent(tx: Tx, event: NewEvent): Promise<string | null> {
  const candidates = await tx
    .selectFrom('webhooks')
    .select(['id', 'partner_id', 'reseller_id'])
    .where('active', '=', 1)
    // `events` is a JSON array of known names: the quoted name cannot match another one.
    .where('events', 'like', `%${JSON.stringify(event.type)}%`)
    .orderBy('id')
    .execute();
  if (candidates.length === 0) return null;
  if (event.key !== undefined) {
    const seen = await tx.selectFrom('webhook_events').select('id').where('dedupe_key', '=', event.key).executeTakeFirst();
    if (seen) return null;
  }
  const subject = await getRecord(tx, specOf(event.subject.resource), event.subject.id, SYSTEM_SCOPE);
  const owner = { partnerId: (subject.partner_id as number | null) ?? null, resellerId: (subject.reseller_id as number | null) ?? null };
  const endpoints = candidates.filter((w) => maySee(w, owner));
  if (endpoints.length === 0) return null;
  const id = newEventId();
  const inserted = await tx
    .insertInto('webhook_events')
    .values({ id, type: event.type, created: event.now, data: JSON.stringify(subject), partner_id: owner.partnerId, reseller_id: owner.resellerId, dedupe_key: event.key ?? null })
    .onConflict((oc) => oc.column('dedupe_key').doNothing())
    .executeTakeFirst();
  if (Number(inserted.numInsertedOrUpdatedRows ?? 0n) === 0) return null;
  await tx
    .insertInto('webhook_deliveries')
    .values(endpoints.map((e) => ({ webhook_id: e.id, event_id: id, type: event.type, created_at: event.now })))
    .execute();
  return id;
}

/** Whether an endpoint's organisation may see a record of this partner and reseller. */
function maySee(endpoint: { partner_id: number | null; reseller_id: number | null }, owner: { partnerId: number | null; resellerId: number | null }): boolean {
  if (endpoint.reseller_id !== null) return endpoint.reseller_id === owner.resellerId;
  if (endpoint.partner_id !== null) return endpoint.partner_id === owner.partnerId;
  return true;
}
