import type { ActionContext } from './context.ts';
import type { Tx } from '../data/transact.ts';
import type { Organisation } from './access.ts';

/** Records who changed what (the ledger records license moves itself). */
export async function recordChange(
  tx: Tx,
  ctx: ActionContext,
  change: { action: 'create' | 'update' | 'delete' | string; resource: string; recordId: number; organisation?: Organisation | null; data?: unknown },
): Promise<void> {
  await tx
    .insertInto('changes')
    .values({
      actor: ctx.actor,
      action: change.action,
      resource: change.resource,
      record_id: change.recordId,
      partner_id: change.organisation?.partnerId ?? null,
      reseller_id: change.organisation?.resellerId ?? null,
      data: change.data === undefined ? null : JSON.stringify(change.data),
      created_at: ctx.now,
    })
    .execute();
}

const comparable = (value: unknown) => (typeof value === 'boolean' ? (value ? 1 : 0) : (value ?? null));

/**
 * The entries of `input` whose value differs from `current` (booleans compared with stored 0/1).
 * Empty when a write would change nothing: then nothing is written and no change is recorded.
 */
export function changedValues<T extends object>(current: object, input: T): Partial<T> {
  const before = current as Record<string, unknown>;
  return Object.fromEntries(
    Object.entries(input).filter(([key, value]) => value !== undefined && comparable(value) !== comparable(before[key])),
  ) as Partial<T>;
}

/** A change to a subscription or a client, filed under the organisation that owns it. */
export function recordChangeOf(
  tx: Tx,
  ctx: ActionContext,
  resource: 'subscriptions' | 'clients',
  row: { id: number; partner_id: number; reseller_id: number | null },
  action: string,
  data: unknown,
): Promise<void> {
  return recordChange(tx, ctx, {
    action,
    resource,
    recordId: row.id,
    organisation: { partnerId: row.partner_id, resellerId: row.reseller_id },
    data,
  });
}
