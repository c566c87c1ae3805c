import type { ActionContext } from './context.ts';
import type { Tx } from '../data/transact.ts';
import type { Organisation } from './access.ts';

/**
 * What a change did, field by field: `{name: {from: 'Librairie Blanc', to: 'Librairie Blanche'}}`,
 * so that the trail shows each field's label and its old → new value (a creation's `from` and a
 * deletion's `to` are null).
 */
export type FieldChanges = Record<string, { from: unknown; to: unknown }>;

const valuesAs = (values: object, side: 'from' | 'to'): FieldChanges =>
  Object.fromEntries(
    Object.entries(values)
      .filter(([, value]) => value !== undefined)
      .map(([field, value]) => [field, side === 'to' ? { from: null, to: value } : { from: value, to: null }]),
  );
export const created = (values: object) => valuesAs(values, 'to');
export const deleted = (values: object) => valuesAs(values, 'from');

/** The fields of `changed` (see changedValues) with their value in `current` before; stored 0/1 flags read as booleans. */
export function fieldChanges(current: object, changed: object): FieldChanges {
  const before = current as Record<string, unknown>;
  return Object.fromEntries(
    Object.entries(changed).map(([field, to]) => [field, { from: typeof to === 'boolean' ? before[field] === 1 || before[field] === true : (before[field] ?? null), to }]),
  );
}

/** Records who changed what (the ledger records license moves itself). */
export async function recordChange(
  tx: Tx,
  ctx: ActionContext,
  change: { action: 'create' | 'update' | 'delete' | string; resource: string; recordId: number; organisation?: Organisation | null; data?: FieldChanges },
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
  data: FieldChanges,
): Promise<void> {
  return recordChange(tx, ctx, {
    action,
    resource,
    recordId: row.id,
    organisation: { partnerId: row.partner_id, resellerId: row.reseller_id },
    data,
  });
}
