import { Router } from 'express';
import { z } from 'zod';
import { YEARS } from '../../../shared/contract.ts';
import { transact, type Db } from '../data/transact.ts';
import { bulkRenewalQuote, renewEach, type BulkLine, type BulkResult } from '../domain/bulkRenewal.ts';
import { usageHistory } from '../domain/usage.ts';
import { changeSeats, loadSubscription, quoteRenewalOf, quoteSeatChange, renewSubscription, updateSubscriptionSettings } from '../domain/subscriptions.ts';
import { subscriptionHistory } from '../domain/history.ts';
import { undoRenewal } from '../domain/undo.ts';
import { getRecord, parseId, readRoutes } from '../http/resource.ts';
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
// Without years or seats, the quote is at the latest term's (or the change scheduled for the next renewal).
const RenewQuery = z.object({ years: queryNumber(fields.years).optional(), seats: queryNumber(fields.seats).optional() });
const SeatsInput = z.object({ seats: fields.seats });
const SeatsQuery = z.object({ seats: queryNumber(fields.seats) });

const BULK_MAX = 500;
const selection = <S extends z.ZodType>(line: S, what: string) =>
  z.array(line, { error: `Expected a list of ${what}` }).min(1, 'Choose at least one subscription').max(BULK_MAX, `At most ${BULK_MAX} at once`);
const idList = selection(fields.id, 'subscription ids');

/** A repeated subscription in a list of lines is a 400 on the second one (renewing it twice is never meant). */
function refuseRepeatedIds(lines: readonly { id: number }[] | undefined, field: string, ctx: z.RefinementCtx) {
  const seen = new Set<number>();
  for (const [i, { id }] of (lines ?? []).entries()) {
    if (seen.has(id)) ctx.addIssue({ code: 'custom', path: [field, i], message: `Subscription ${id} is listed twice` });
    seen.add(id);
  }
}

/** Either per-line years (`subscriptions` or `lines`), or one `years` for every id of `ids`. */
function oneSelection(lines: unknown, input: { ids?: unknown; years?: unknown }, linesField: string, yearsRequired: boolean, ctx: z.RefinementCtx) {
  if (lines !== undefined && input.ids !== undefined) ctx.addIssue({ code: 'custom', path: ['ids'], message: `Give either ${linesField} or ids, not both` });
  else if (lines === undefined && input.ids === undefined) ctx.addIssue({ code: 'custom', path: [linesField], message: 'Required' });
  else if (lines !== undefined && input.years !== undefined) ctx.addIssue({ code: 'custom', path: ['years'], message: `Each line of ${linesField} has its own years` });
  else if (input.ids !== undefined && input.years === undefined && yearsRequired) ctx.addIssue({ code: 'custom', path: ['years'], message: 'Required' });
}

const BulkInput = z
  .object({
    subscriptions: selection(z.object({ id: fields.id, years: fields.years }), 'subscriptions {id, years}').optional(),
    ids: idList.optional(),
    years: fields.years.optional(),
  })
  .superRefine((input, ctx) => {
    oneSelection(input.subscriptions, input, 'subscriptions', true, ctx);
    refuseRepeatedIds(input.subscriptions, 'subscriptions', ctx);
  });

/** `12,15` (ids) or `12:2,15:1` (id:years) in a query string, as a list of lines. */
const commaSeparated = <T>(parse: (item: string) => T | null, expected: string) =>
  z
    .string({ error: expected })
    .transform((text, ctx) => {
      const items = text.split(',').map(parse);
      if (items.some((item) => item === null)) {
        ctx.addIssue({ code: 'custom', message: expected });
        return z.NEVER;
      }
      return items as T[];
    })
    .pipe(selection(z.any(), 'subscriptions'));
const wholeIn = (schema: z.ZodType) => (text: string | undefined) => (/^\d{1,15}$/.test(text ?? '') && schema.safeParse(Number(text)).success ? Number(text) : null);
const positiveId = wholeIn(fields.id);
const yearsOf = wholeIn(fields.years);
function lineOf(item: string): BulkLine | null {
  const [, id, years] = /^(\d+):(\d+)$/.exec(item) ?? [];
  const line = { id: positiveId(id), years: yearsOf(years) };
  return line.id !== null && line.years !== null ? { id: line.id, years: line.years } : null;
}
const BulkQuoteInput = z
  .object({
    lines: commaSeparated(lineOf, `Expected id:years pairs, comma-separated (years ${YEARS.min} to ${YEARS.max})`).optional(),
    ids: commaSeparated(positiveId, 'Expected comma-separated subscription ids').optional(),
    years: queryNumber(fields.years).optional(),
  })
  .superRefine((input, ctx) => {
    oneSelection(input.lines, input, 'lines', false, ctx);
    refuseRepeatedIds(input.lines, 'lines', ctx);
  });

/** The lines of either form; `{ids, years}` renews each id once. */
const linesOf = (input: { ids?: number[]; years?: number }, lines: BulkLine[] | undefined): BulkLine[] =>
  lines ?? [...new Set(input.ids)].map((id) => ({ id, years: input.years }));

/** The schemas that validate this router's requests, for the OpenAPI document. */
export const subscriptionSchemas = { Settings, RenewInput, RenewQuery, SeatsInput, SeatsQuery, BulkInput, BulkQuoteInput };

export function subscriptionRoutes(db: Db) {
  const router = Router();
  // Bulk renewal from the to-renew list: the totals against each pool, then one transaction per renewal.
  router.get('/bulk-renewal-quote', async (req, res) => {
    const input = parseQuery(BulkQuoteInput, req.query);
    res.json(await transact(db, (tx) => bulkRenewalQuote(tx, actionContext(res), linesOf(input, input.lines))));
  });
  router.post('/bulk-renew', async (req, res) => {
    const input = parseBody(BulkInput, req.body);
    const lines = linesOf(input, input.subscriptions);
    // The request's own logger: the line carries its request_id, like the answer the user sees.
    const logUnexpected = (id: number, error: unknown) => req.log.error({ err: error, subscription: id }, 'bulk renewal line failed');
    await answerIdempotentSteps<BulkResult>(db, req, res, async (steps) => ({
      status: 200,
      body: { results: await renewEach(db, actionContext(res), lines, steps, logUnexpected) },
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
    res.json(await transact(db, (tx) => quoteRenewalOf(tx, ctx, id, input)));
  });

  router.post('/:id/renew', async (req, res) => {
    const id = parseId(req.params.id);
    const input = parseBody(RenewInput, req.body);
    await answerIdempotent(db, req, res, async (tx) => {
      const ctx = actionContext(res);
      const { remaining_after, term } = await renewSubscription(tx, ctx, id, input);
      return { status: 201, body: { ...(await getRecord(tx, subscriptionsSpec, id, ctx.scope)), remaining_after, term } };
    });
  });

  router.get('/:id/history', async (req, res) => {
    const id = parseId(req.params.id);
    res.json(await transact(db, (tx) => subscriptionHistory(tx, actionContext(res), id)));
  });

  // The usage reports of a subscription, oldest first (DESIGN §7).
  router.get('/:id/usage', async (req, res) => {
    const id = parseId(req.params.id);
    const ctx = actionContext(res);
    res.json(
      await transact(db, async (tx) => {
        await loadSubscription(tx, id, ctx.scope);
        return usageHistory(tx, id);
      }),
    );
  });

  router.get('/:id/seats-quote', async (req, res) => {
    const id = parseId(req.params.id);
    const ctx = actionContext(res);
    const { seats } = parseQuery(SeatsQuery, req.query);
    const { cost, balance, current_seats, remaining_after, refund, manager, active_users, min_seats } = await transact(db, async (tx) => quoteSeatChange(tx, ctx, id, seats));
    res.json({ seats, current_seats, cost, balance, remaining_after, refund, manager_name: manager.name, active_users, min_seats });
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
