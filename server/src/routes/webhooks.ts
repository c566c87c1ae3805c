import { z } from 'zod';
import { transact, type Db } from '../data/transact.ts';
import { createWebhook, deleteWebhook, requeueDelivery, updateWebhook } from '../domain/webhooks.ts';
import { getRecord, parseId, readRoutes } from '../http/resource.ts';
import { actionContext, parseBody } from '../http/validate.ts';
import { webhookDeliveriesSpec, webhooksSpec } from '../resources/webhooks.ts';
import type { TargetPolicy } from '../webhooks/targets.ts';

/** Webhook endpoints and their delivery log (DESIGN §7), each organisation its own. */

const url = z.string({ error: 'Expected a URL' }).trim().min(1, 'Required').max(2000, 'At most 2000 characters');
const events = z.array(z.string({ error: 'Expected an event name' }), { error: 'Expected a list of event names' }).min(1, 'Choose at least one event').max(50);
const WebhookInput = z.object({ url, events });
// react-admin's edit form sends the whole record: the derived and read-only fields are ignored.
const WebhookChanges = z.object({ url: url.optional(), events: events.optional(), active: z.boolean({ error: 'Expected true or false' }).optional() });

/** The schemas that validate this router's requests, for the OpenAPI document. */
export const webhookSchemas = { WebhookInput, WebhookChanges };

export function webhookRoutes(db: Db, policy: TargetPolicy) {
  const router = readRoutes(db, webhooksSpec);

  router.post('/', async (req, res) => {
    const ctx = actionContext(res);
    const input = parseBody(WebhookInput, req.body);
    const { id, secret } = await transact(db, (tx) => createWebhook(tx, ctx, policy, input));
    res.status(201).json({ ...(await getRecord(db, webhooksSpec, id, ctx.scope)), secret });
  });

  router.put('/:id', async (req, res) => {
    const ctx = actionContext(res);
    const id = parseId(req.params.id);
    await getRecord(db, webhooksSpec, id, ctx.scope);
    const changes = parseBody(WebhookChanges, req.body);
    await transact(db, (tx) => updateWebhook(tx, ctx, policy, id, changes));
    res.json(await getRecord(db, webhooksSpec, id, ctx.scope));
  });

  router.delete('/:id', async (req, res) => {
    const ctx = actionContext(res);
    const id = parseId(req.params.id);
    const record = await getRecord(db, webhooksSpec, id, ctx.scope);
    await transact(db, (tx) => deleteWebhook(tx, ctx, id));
    res.json(record);
  });
  return router;
}

export function webhookDeliveryRoutes(db: Db) {
  const router = readRoutes(db, webhookDeliveriesSpec);
  router.post('/:id/retry', async (req, res) => {
    const ctx = actionContext(res);
    const id = parseId(req.params.id);
    await getRecord(db, webhookDeliveriesSpec, id, ctx.scope);
    await transact(db, (tx) => requeueDelivery(tx, id));
    res.json(await getRecord(db, webhookDeliveriesSpec, id, ctx.scope));
  });
  return router;
}
