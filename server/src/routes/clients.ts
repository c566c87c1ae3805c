import { z } from 'zod';
import { transact, type Db } from '../data/transact.ts';
import { addProductToClient, createClient, updateClient } from '../domain/clients.ts';
import { undoClientCreation } from '../domain/undo.ts';
import { getRecord, parseId, readRoutes } from '../http/resource.ts';
import { answerIdempotent } from '../http/idempotent.ts';
import { actionContext, fields, parseBody, text } from '../http/validate.ts';
import { clientsSpec } from '../resources/clients.ts';
import { subscriptionsSpec } from '../resources/subscriptions.ts';

const NewSubscriptionInput = z.object({ product_id: fields.id, start_date: fields.date, years: fields.years, seats: fields.seats });
// Optional: '' or null means none.
const reference = text(64).nullish();
const NewClientInput = z.object({
  name: fields.name,
  reference,
  partner_id: fields.id.nullish(),
  reseller_id: fields.id.nullish(),
  subscriptions: z.array(NewSubscriptionInput, { error: 'Expected a list of subscriptions' }).min(1, 'At least one subscription'),
});

const ClientChanges = z.object({ name: fields.name.optional(), reference, reseller_id: fields.id.nullish() });

/** The schemas that validate this router's requests, for the OpenAPI document. */
export const clientSchemas = { NewClientInput, ClientChanges, NewSubscriptionInput };

export function clientRoutes(db: Db) {
  const router = readRoutes(db, clientsSpec);

  router.post('/', async (req, res) => {
    const input = parseBody(NewClientInput, req.body);
    await answerIdempotent(db, req, res, async (tx) => {
      const ctx = actionContext(res);
      const id = await createClient(tx, ctx, input);
      return { status: 201, body: await getRecord(tx, clientsSpec, id, ctx.scope) };
    });
  });

  router.post('/:id/undo', async (req, res) => {
    const id = parseId(req.params.id);
    await answerIdempotent(db, req, res, async (tx) => {
      const ctx = actionContext(res);
      const client = await getRecord(tx, clientsSpec, id, ctx.scope);
      const { returned } = await undoClientCreation(tx, ctx, id);
      return { status: 200, body: { ...client, returned } };
    });
  });

  router.post('/:id/subscriptions', async (req, res) => {
    const id = parseId(req.params.id);
    const input = parseBody(NewSubscriptionInput, req.body);
    await answerIdempotent(db, req, res, async (tx) => {
      const ctx = actionContext(res);
      const { subscriptionId, remaining_after } = await addProductToClient(tx, ctx, id, input);
      return { status: 201, body: { ...(await getRecord(tx, subscriptionsSpec, subscriptionId, ctx.scope)), remaining_after } };
    });
  });

  router.put('/:id', async (req, res) => {
    const id = parseId(req.params.id);
    const ctx = actionContext(res);
    const changes = parseBody(ClientChanges, req.body);
    await transact(db, (tx) => updateClient(tx, ctx, id, changes));
    res.json(await getRecord(db, clientsSpec, id, ctx.scope));
  });
  return router;
}
