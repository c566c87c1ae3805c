import { Router } from 'express';
import { z } from 'zod';
import { transact, type Db } from '../data/transact.ts';
import { bulkRenewalQuote, renewEach, type BulkResult } from '../domain/bulkRenewal.ts';
import { changeSeats, quoteRenewal, quoteSeatChange, renewSubscription, updateSubscriptionSettings } from '../domain/subscriptions.ts';
import { undoRenewal } from '../domain/undo.ts';
import { getRecord, parseId, readRoutes, recordOfRow } from '../http/resource.ts';
import { answerIdempotent, answerIdempotentSteps } from '../http/idempotent.ts';
import { actionContext, fields, parseBody, parseQuery, queryNumber } from '../http/validate.ts';
import { subscriptionsSpec } from '../resources/subscriptions.ts';

const bool = z.boolean({ error: 'Expected true or false' });
const Settings = z.object({
  auto_renew: bool.optional(),
  cancelled: bool.optional(),
  next_seats: fields.seats.nullish(),
  next_years: fields.years.nullish(),
});
const RenewInput = z.object({ years: fields.years, seats: fields.seats.optional() });
const RenewQuery = z.object({ years: queryNumber(fields.years), seats: queryNumber(fields.seats).optional() });
const SeatsInput = z.object({ seats: fields.seats });
const SeatsQuery = z.object({ seats: queryNumber(fields.seats) });
const idList = z.array(fields.id, { error: 'Expected a list of subscription ids' }).min(1, 'Choose at least one subscription').max(500, 'At most 500 at once');
const BulkInput = z.object({ ids: idList, years: fields.years });
const BulkQuoteInput = z.object({
  ids: z.string({ error: 'Required' }).transform((s, ctx) => {
    const ids = s.split(',').map(Number);
    if (ids.some((id) => !Number.isSafeInteger(id) || id < 1)) {
      ctx.addIssue({ code: 'custom', message: 'Expected comma-separated subscription ids' });
      return z.NEVER;
    }
    return ids;
  }).pipe(z.array(z.number()).min(1, 'Choose at least one subscription').max(500, 'At most 500 at once')),
  years: queryNumber(fields.years),
});

/** The schemas that validate this router's requests, for the OpenAPI document. */
export const subscriptionSchemas = { Settings, RenewInput, RenewQuery, SeatsInput, SeatsQuery, BulkInput, BulkQuoteInput };

export function subscriptionRoutes(db: Db) {
  const router = Router();
  // Bulk renewal from the to-renew list: the totals against each pool, then one transaction per renewal.
  router.get('/bulk-renewal-quote', async (req, res) => {
    const { ids, years } = parseQuery(BulkQuoteInput, req.query);
    res.json(await transact(db, (tx) => bulkRenewalQuote(tx, actionContext(res), ids, years)));
  });
  router.post('/bulk-renew', async (req, res) => {
    const { ids, years } = parseBody(BulkInput, req.body);
    // The request's own logger: the line carries its request_id, like the answer the user sees.
    const logUnexpected = (id: number, error: unknown) => req.log.error({ err: error, subscription: id }, 'bulk renewal line failed');
    await answerIdempotentSteps<BulkResult>(db, req, res, async (steps) => ({
      status: 200,
      body: { results: await renewEach(db, actionContext(res), ids, years, steps, logUnexpected) },
    }));
  });

  // After the bulk paths, which GET /:id would otherwise take for an id.
  readRoutes(db, subscriptionsSpec, router);

  router.put('/:id', async (req, res) => {
    const id = parseId(req.params.id);
    const ctx = actionContext(res);
    const changes = parseBody(Settings, req.body);
    await transact(db, (tx) => updateSubscriptionSettings(tx, ctx, id, changes));
    res.json(await getRecord(db, subscriptionsSpec, id, ctx.scope));
  });

  router.get('/:id/renewal-quote', async (req, res) => {
    const id = parseId(req.params.id);
    const ctx = actionContext(res);
    const input = parseQuery(RenewQuery, req.query);
    const { manager: _manager, subscription: _subscription, ...quote } = await transact(db, async (tx) => quoteRenewal(tx, ctx, id, input));
    res.json(quote);
  });

  router.post('/:id/renew', async (req, res) => {
    const id = parseId(req.params.id);
    const input = parseBody(RenewInput, req.body);
    await answerIdempotent(db, req, res, async (tx) => {
      const ctx = actionContext(res);
      const { remaining_after, renewed } = await renewSubscription(tx, ctx, id, input);
      return { status: 201, body: { ...recordOfRow(subscriptionsSpec, renewed), remaining_after } };
    });
  });

  router.get('/:id/seats-quote', async (req, res) => {
    const id = parseId(req.params.id);
    const ctx = actionContext(res);
    const { seats } = parseQuery(SeatsQuery, req.query);
    const { cost, balance, current_seats, remaining_after, refund, manager } = await transact(db, async (tx) => quoteSeatChange(tx, ctx, id, seats));
    res.json({ seats, current_seats, cost, balance, remaining_after, refund, manager_name: manager.name });
  });

  router.post('/:id/seats', async (req, res) => {
    const id = parseId(req.params.id);
    const { seats } = parseBody(SeatsInput, req.body);
    await answerIdempotent(db, req, res, async (tx) => {
      const ctx = actionContext(res);
      const change = await changeSeats(tx, ctx, id, seats);
      return { status: 200, body: { ...(await getRecord(tx, subscriptionsSpec, id, ctx.scope)), ...change } };
    });
  });

  router.post('/:id/undo-renewal', async (req, res) => {
    const id = parseId(req.params.id);
    await answerIdempotent(db, req, res, async (tx) => {
      const ctx = actionContext(res);
      const { returned } = await undoRenewal(tx, ctx, id);
      return { status: 200, body: { ...(await getRecord(tx, subscriptionsSpec, id, ctx.scope)), returned } };
    });
  });
  return router;
}
