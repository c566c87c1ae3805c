import { Router } from 'express';
import { z } from 'zod';
import { transact, type Db } from '../data/transact.ts';
import { ForbiddenError } from '../domain/errors.ts';
import { recordUsage } from '../domain/usage.ts';
import { apiKeyOf } from '../http/apiKeys.ts';
import { actionContext, fields, parseBody, text } from '../http/validate.ts';

const measure = {
  active_users: z.number({ error: 'Expected a number' }).int('Expected a whole number').min(0, 'At least 0').max(100_000_000, 'At most 100,000,000'),
  measured_at: z.iso.datetime({ offset: true, error: 'Expected an ISO 8601 timestamp, e.g. 2026-11-26T08:00:00Z' }),
};
const UsageReport = z.union(
  [
    z.strictObject({ subscription_id: fields.id, ...measure }),
    z.strictObject({ client_reference: text(100).min(1, 'Required'), product_code: text(50).min(1, 'Required'), ...measure }),
  ],
  { error: 'Expected {subscription_id, active_users, measured_at} or {client_reference, product_code, active_users, measured_at}' },
);
const UsageInput = z.object({
  reports: z.array(UsageReport, { error: 'Expected a list of reports' }).min(1, 'At least one report').max(1000, 'At most 1,000 reports at once'),
});

/** The schemas that validate this router's requests, for the OpenAPI document. */
export const usageSchemas = { UsageInput };

/** POST /api/usage (DESIGN §7): a publisher's `usage` key reports active users; nobody else may. */
export function usageRoutes(db: Db) {
  const router = Router();
  router.post('/', async (req, res) => {
    if (apiKeyOf(res)?.scope !== 'usage') throw new ForbiddenError('Usage is reported with a usage API key of the publisher', 'usage_key_required');
    const { reports } = parseBody(UsageInput, req.body);
    const accepted = await transact(db, (tx) => recordUsage(tx, actionContext(res), reports));
    res.json({ accepted });
  });
  return router;
}
