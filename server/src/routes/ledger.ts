import { Router } from 'express';
import { z } from 'zod';
import type { Db } from '../data/transact.ts';
import { allocateLicenses, grantLicenses } from '../domain/allocations.ts';
import { answerIdempotent } from '../http/idempotent.ts';
import { actionContext, fields, parseBody, text } from '../http/validate.ts';
import { movementWithPools } from '../resources/movements.ts';

/** The actions that move licenses between pools: allocations (partner ⇄ reseller) and grants (publisher → partner). */

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

export function allocationRoutes(db: Db) {
  const router = Router();
  router.post('/', async (req, res) => {
    const input = parseBody(AllocationInput, req.body);
    await answerIdempotent(db, req, res, async (tx) => {
      const ctx = actionContext(res);
      const result = await allocateLicenses(tx, ctx, input);
      return { status: 201, body: await movementWithPools(tx, result.movementId, ctx.scope) };
    });
  });
  return router;
}

export function grantRoutes(db: Db) {
  const router = Router();
  router.post('/', async (req, res) => {
    const input = parseBody(GrantInput, req.body);
    await answerIdempotent(db, req, res, async (tx) => {
      const ctx = actionContext(res);
      const result = await grantLicenses(tx, ctx, input);
      return { status: 201, body: await movementWithPools(tx, result.movementId, ctx.scope) };
    });
  });
  return router;
}

