import { Router } from 'express';
import { z } from 'zod';
import { readPublisher, writePublisher } from '../data/publisher.ts';
import { transact, type Db } from '../data/transact.ts';
import { requireRole } from '../domain/access.ts';
import { changedValues, fieldChanges, recordChange } from '../domain/changes.ts';
import type { BillingSettings } from '../../../shared/money.ts';
import { actionContext, legalIdentityFields, parseBody } from '../http/validate.ts';

const PublisherInput = z.object(legalIdentityFields);

/** The schemas that validate this router's requests, for the OpenAPI document. */
export const publisherSchemas = { PublisherInput };

/**
 * The publisher's identity on its invoices: every login reads it, admins change it. Both answers
 * carry the VAT rate setting (VAT_RATE_PERCENT) too, which every login's new-order preview uses.
 */
export function publisherRoutes(db: Db, billing: BillingSettings) {
  const router = Router();
  const answer = async () => ({ ...(await readPublisher(db)), vat_rate_percent: billing.vatRatePercent });
  router.get('/', async (_req, res) => {
    res.json(await answer());
  });
  router.put('/', async (req, res) => {
    const ctx = actionContext(res);
    requireRole(ctx.scope, ['admin'], 'change the publisher’s identity');
    const input = parseBody(PublisherInput, req.body);
    const current = await readPublisher(db);
    const changed = changedValues(current, input);
    if (Object.keys(changed).length > 0) {
      await transact(db, async (tx) => {
        await writePublisher(tx, changed);
        await recordChange(tx, ctx, { action: 'update', resource: 'publisher', recordId: 1, data: fieldChanges(current, changed) });
      });
    }
    res.json(await answer());
  });
  return router;
}
