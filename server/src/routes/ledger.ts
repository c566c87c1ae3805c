import { Router } from 'express';
import { sql, type SqlBool } from 'kysely';
import { byOrganisation, type Scope } from '../domain/access.ts';
import { z } from 'zod';
import type { Db } from '../db/connection.ts';
import { allocateLicenses, grantLicenses } from '../domain/allocations.ts';
import { getRecord, mountReadRoutes, type ResourceSpec } from '../http/resource.ts';
import { answerIdempotent } from '../http/idempotent.ts';
import { actionContext, fields, parseBody, text } from '../http/validate.ts';

/** Read-only views of terms, pools and movements, and the actions that move licenses between pools. */

/** Rows whose subscription the scope sees. */
function inScopedSubscriptions(scope: Scope, column: string) {
  const subs = byOrganisation(scope, 's.partner_id', 's.reseller_id');
  return subs ? sql<SqlBool>`${sql.ref(column)} IN (SELECT s.id FROM subscriptions s WHERE ${subs})` : null;
}

export const termsSpec: ResourceSpec = {
  name: 'terms',
  label: 'Term',
  // Undone terms no longer belong to their subscription.
  from: (db) => db.selectFrom('terms').where('terms.undone_at', 'is', null),
  fields: {
    id: { column: 'terms.id', type: 'int' },
    subscription_id: { column: 'terms.subscription_id', type: 'int' },
    start_date: { column: 'terms.start_date', type: 'date' },
    end_date: { column: 'terms.end_date', type: 'date' },
    years: { column: 'terms.years', type: 'int' },
    seats: { column: 'terms.seats', type: 'int' },
    created_at: { column: 'terms.created_at', type: 'text' },
    origin: { column: 'terms.origin', type: 'enum', values: ['creation', 'renewal', 'auto_renewal'] },
  },
  visibleTo: (scope) => inScopedSubscriptions(scope, 'terms.subscription_id'),
  defaultSort: ['start_date', 'ASC'],
};

export const poolsSpec: ResourceSpec = {
  name: 'pools',
  label: 'Pool',
  from: (db) =>
    db
      .selectFrom('pools')
      .innerJoin('partners', 'partners.id', 'pools.partner_id')
      .leftJoin('resellers', 'resellers.id', 'pools.reseller_id'),
  fields: {
    id: { column: 'pools.id', type: 'int' },
    holder_type: { column: 'pools.holder_type', type: 'enum', values: ['partner', 'reseller'] },
    holder_id: { column: 'pools.holder_id', type: 'int' },
    holder_name: { column: sql`coalesce(resellers.name, partners.name)`, type: 'text' },
    partner_id: { column: 'pools.partner_id', type: 'int' },
    reseller_id: { column: 'pools.reseller_id', type: 'int' },
    product_id: { column: 'pools.product_id', type: 'int' },
    balance: { column: 'pools.balance', type: 'int' },
  },
  visibleTo: (scope) => byOrganisation(scope, 'pools.partner_id', 'pools.reseller_id'),
  search: ['partners.search_name', 'resellers.search_name'],
  defaultSort: ['id', 'ASC'],
};

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

const AllocationInput = z.object({
  product_id: fields.id,
  reseller_id: fields.id,
  quantity: fields.quantity.refine((q) => q !== 0, 'Must not be 0'),
});
const GrantInput = z.object({
  product_id: fields.id,
  partner_id: fields.id,
  quantity: fields.quantity.refine((q) => q > 0, 'Must be at least 1'),
  reason: text(500, { multiline: true }).nullish(),
});

/** The schemas that validate this router's requests, for the OpenAPI document. */
export const ledgerSchemas = { AllocationInput, GrantInput };

export function ledgerRoutes(db: Db) {
  const router = Router();
  mountReadRoutes(router, db, [termsSpec, poolsSpec, movementsSpec]);

  router.post('/allocations', async (req, res) => {
    const input = parseBody(AllocationInput, req.body);
    await answerIdempotent(db, req, res, async (tx) => {
      const ctx = actionContext(res);
      const result = await allocateLicenses(tx, ctx, input);
      return { status: 201, body: await movementWithPools(tx, result.movementId, ctx.scope) };
    });
  });

  router.post('/grants', async (req, res) => {
    const input = parseBody(GrantInput, req.body);
    await answerIdempotent(db, req, res, async (tx) => {
      const ctx = actionContext(res);
      const result = await grantLicenses(tx, ctx, input);
      return { status: 201, body: await movementWithPools(tx, result.movementId, ctx.scope) };
    });
  });
  return router;
}

/** The movement an action wrote, with the balances of the pools it touched after it. */
async function movementWithPools(tx: Db, movementId: number, scope: Scope) {
  const movement = await getRecord(tx, movementsSpec, movementId, scope);
  const poolIds = [movement.from_pool_id, movement.to_pool_id].filter((id): id is number => typeof id === 'number');
  const pools = await tx.selectFrom('pools').select(['id', 'balance']).where('id', 'in', poolIds).execute();
  return { ...movement, pools };
}
