import type { ActionContext, Tx } from './context.ts';
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
