import { Router, type RequestHandler } from 'express';
import { z } from 'zod';
import { transact, type Db } from '../data/transact.ts';
import { createApiKey, revokeApiKey } from '../domain/auth/apiKeys.ts';
import { ForbiddenError } from '../domain/errors.ts';
import { getRecord, parseId, readRoutes } from '../http/resource.ts';
import { actionContext, fields, parseBody } from '../http/validate.ts';
import { apiKeysSpec } from '../resources/apiKeys.ts';

const ApiKeyInput = z.object({
  name: fields.name,
  scope: z.enum(['read', 'write', 'usage'], { error: 'One of read, write, usage' }),
  expires_at: z.iso.datetime({ offset: true, error: 'Expected an ISO 8601 timestamp, e.g. 2027-01-31T23:59:59Z' }).nullish(),
});

/** The schemas that validate this router's requests, for the OpenAPI document. */
export const apiKeySchemas = { ApiKeyInput };

/** Keys are managed by people: a key cannot list, make or revoke keys (a read key would otherwise mint a write key). */
const loginsOnly: RequestHandler = (_req, res, next) =>
  next(actionContext(res).apiKeyId === undefined ? undefined : new ForbiddenError('API keys are managed by logins, not by API keys', 'login_required'));

/** An organisation's API keys (DESIGN §7), managed by its logins (those that manage its users). */
export function apiKeyRoutes(db: Db) {
  const router = Router();
  router.use(loginsOnly);
  readRoutes(db, apiKeysSpec, router);

  router.post('/', async (req, res) => {
    const ctx = actionContext(res);
    const input = parseBody(ApiKeyInput, req.body);
    const { id, secret } = await transact(db, (tx) => createApiKey(tx, ctx, input));
    // The secret is in this answer only: it is stored hashed.
    res.status(201).json({ ...(await getRecord(db, apiKeysSpec, id, ctx.scope)), secret });
  });

  router.delete('/:id', async (req, res) => {
    const ctx = actionContext(res);
    const id = parseId(req.params.id);
    await transact(db, (tx) => revokeApiKey(tx, ctx, id));
    res.json(await getRecord(db, apiKeysSpec, id, ctx.scope));
  });
  return router;
}
