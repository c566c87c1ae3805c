import { sql, type SqlBool } from 'kysely';
import type { Db } from '../data/transact.ts';
import { byOrganisation, type Scope } from '../domain/access.ts';
import { getRecord, type ResourceSpec } from '../http/resource.ts';

/** The ledger: every movement of licenses between pools. */
export const movementsSpec: ResourceSpec = {
  name: 'movements',
  label: 'Movement',
  from: (db) => db.selectFrom('movements'),
  fields: {
    id: { column: 'movements.id', type: 'int' },
    kind: { column: 'movements.kind', type: 'enum', values: ['grant', 'allocate', 'reclaim', 'consume', 'adjust'] },
    product_id: { column: 'movements.product_id', type: 'int' },
    quantity: { column: 'movements.quantity', type: 'int' },
    from_pool_id: { column: 'movements.from_pool_id', type: 'int' },
    to_pool_id: { column: 'movements.to_pool_id', type: 'int' },
    subscription_id: { column: 'movements.subscription_id', type: 'int' },
    client_id: { column: 'movements.client_id', type: 'int' },
    term_id: { column: 'movements.term_id', type: 'int' },
    actor: { column: 'movements.actor', type: 'text' },
    reason: { column: 'movements.reason', type: 'text' },
    created_at: { column: 'movements.created_at', type: 'text' },
  },
  // A movement is seen by whoever sees one of the pools it touches.
  visibleTo: (scope) => {
    const pools = byOrganisation(scope, 'p.partner_id', 'p.reseller_id');
    return pools
      ? sql<SqlBool>`(movements.from_pool_id IN (SELECT p.id FROM pools p WHERE ${pools}) OR movements.to_pool_id IN (SELECT p.id FROM pools p WHERE ${pools}))`
      : null;
  },
  defaultSort: ['id', 'DESC'],
};

/** The movement an action wrote, with the balances of the pools it touched after it. */
export async function movementWithPools(tx: Db, movementId: number, scope: Scope) {
  const movement = await getRecord(tx, movementsSpec, movementId, scope);
  const poolIds = [movement.from_pool_id, movement.to_pool_id].filter((id): id is number => typeof id === 'number');
  const pools = await tx.selectFrom('pools').select(['id', 'balance']).where('id', 'in', poolIds).execute();
  return { ...movement, pools };
}
