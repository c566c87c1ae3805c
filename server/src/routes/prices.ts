import { z } from 'zod';
import { UNIT_PRICE_CENTS } from '../../../shared/contract.ts';
import type { Db } from '../data/transact.ts';
import { changePrice, createPrice, removePrice } from '../domain/prices.ts';
import { getRecord, parseId, readRoutes } from '../http/resource.ts';
import { actionContext, fields, parseBody } from '../http/validate.ts';
import { pricesSpec } from '../resources/prices.ts';

const PriceInput = z.object({
  product_id: fields.id,
  unit_price_cents: z
    .number({ error: 'Expected a number of cents' })
    .int('Expected a whole number of cents')
    .min(UNIT_PRICE_CENTS.min, 'Must not be negative')
    .max(UNIT_PRICE_CENTS.max, `At most ${UNIT_PRICE_CENTS.max} cents`),
  valid_from: fields.date,
});

/** The schemas that validate this router's requests, for the OpenAPI document. */
export const priceSchemas = { PriceInput };

/** The price list: read by everyone, written by admins (past rows frozen). */
export function priceRoutes(db: Db) {
  const router = readRoutes(db, pricesSpec);
  router.post('/', async (req, res) => {
    const ctx = actionContext(res);
    const id = await createPrice(db, ctx, parseBody(PriceInput, req.body));
    res.status(201).json(await getRecord(db, pricesSpec, id, ctx.scope));
  });
  router.put('/:id', async (req, res) => {
    const ctx = actionContext(res);
    const id = parseId(req.params.id);
    await changePrice(db, ctx, id, parseBody(PriceInput, req.body));
    res.json(await getRecord(db, pricesSpec, id, ctx.scope));
  });
  router.delete('/:id', async (req, res) => {
    const ctx = actionContext(res);
    res.json(await removePrice(db, ctx, parseId(req.params.id)));
  });
  return router;
}
