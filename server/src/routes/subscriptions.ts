import { Router } from 'express';
import { z } from 'zod';
import type { Db } from '../db/connection.ts';
import { byOrganisation } from '../domain/access.ts';
import { STATUSES } from '../domain/status.ts';
import { changeSeats, quoteRenewal, renewSubscription, updateSubscriptionFlags } from '../domain/subscriptions.ts';
import { getRecord, parseId, readHandlers, type ResourceSpec } from '../http/resource.ts';
import { answerIdempotent } from '../http/idempotent.ts';
import { actionContext, fields, parseBody, parseQuery } from '../http/validate.ts';

export const subscriptionsSpec: ResourceSpec = {
  name: 'subscriptions',
  label: 'Subscription',
  from: (db) => db.selectFrom('subscriptions'),
  fields: {
    id: { column: 'subscriptions.id', type: 'int' },
    client_id: { column: 'subscriptions.client_id', type: 'int' },
    client_name: { column: 'subscriptions.client_name', type: 'text' },
    product_id: { column: 'subscriptions.product_id', type: 'int' },
    partner_id: { column: 'subscriptions.partner_id', type: 'int' },
    reseller_id: { column: 'subscriptions.reseller_id', type: 'int' },
    status: { column: 'subscriptions.status', type: 'enum', values: STATUSES },
    start_date: { column: 'subscriptions.start_date', type: 'date' },
    end_date: { column: 'subscriptions.end_date', type: 'date' },
    years: { column: 'subscriptions.years', type: 'int' },
    seats: { column: 'subscriptions.seats', type: 'int' },
    auto_renew: { column: 'subscriptions.auto_renew', type: 'bool' },
    cancelled: { column: 'subscriptions.cancelled', type: 'bool' },
    renewed: { column: 'subscriptions.renewed', type: 'bool' },
    to_renew: { column: 'subscriptions.to_renew', type: 'bool' },
  },
  visibleTo: (scope) => byOrganisation(scope, 'subscriptions.partner_id', 'subscriptions.reseller_id'),
  search: ['subscriptions.search_name'],
  defaultSort: ['end_date', 'ASC'],
};

const Flags = z.object({ auto_renew: z.boolean({ error: 'Expected true or false' }).optional(), cancelled: z.boolean({ error: 'Expected true or false' }).optional() });
const RenewInput = z.object({ years: fields.years, seats: fields.seats.optional() });
const SeatsInput = z.object({ seats: fields.seats });

export function subscriptionRoutes(db: Db) {
  const router = Router();
  const read = readHandlers(db, subscriptionsSpec);
  router.get('/', read.list);
  router.get('/:id', read.one);

  router.put('/:id', async (req, res) => {
    const id = parseId(req.params.id);
    const ctx = actionContext(res);
    await getRecord(db, subscriptionsSpec, id, ctx.scope);
    const flags = parseBody(Flags, req.body);
    await db.transaction().execute((tx) => updateSubscriptionFlags(tx, ctx, id, flags));
    res.json(await getRecord(db, subscriptionsSpec, id, ctx.scope));
  });

  router.get('/:id/renewal-quote', async (req, res) => {
    const id = parseId(req.params.id);
    const ctx = actionContext(res);
    await getRecord(db, subscriptionsSpec, id, ctx.scope);
    const input = parseQuery(RenewInput, req.query);
    const { manager: _manager, seats: _seats, ...quote } = await quoteRenewal(db, ctx.today, id, input);
    res.json(quote);
  });

  router.post('/:id/renew', async (req, res) => {
    const id = parseId(req.params.id);
    const input = parseBody(RenewInput, req.body);
    await answerIdempotent(db, req, res, async (tx) => {
      const ctx = actionContext(res);
      await getRecord(tx, subscriptionsSpec, id, ctx.scope);
      const { remaining_after } = await renewSubscription(tx, ctx, id, input);
      return { status: 201, body: { ...(await getRecord(tx, subscriptionsSpec, id, ctx.scope)), remaining_after } };
    });
  });

  router.post('/:id/seats', async (req, res) => {
    const id = parseId(req.params.id);
    const { seats } = parseBody(SeatsInput, req.body);
    await answerIdempotent(db, req, res, async (tx) => {
      const ctx = actionContext(res);
      await getRecord(tx, subscriptionsSpec, id, ctx.scope);
      const change = await changeSeats(tx, ctx, id, seats);
      return { status: 200, body: { ...(await getRecord(tx, subscriptionsSpec, id, ctx.scope)), ...change } };
    });
  });
  return router;
}
