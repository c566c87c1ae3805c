import { rateLimit } from 'express-rate-limit';
import { z } from 'zod';
import type { Clock } from '../clock.ts';
import { transact, type Db } from '../data/transact.ts';
import { DatabaseRateLimitStore } from '../db/rateLimits.ts';
import { createUser, deleteUser, updateUser } from '../domain/auth/users.ts';
import { MIN_PASSWORD_LENGTH } from '../../../shared/contract.ts';
import { hashPassword } from '../domain/auth/passwords.ts';
import { AppError } from '../domain/errors.ts';
import { settings } from '../domain/settings.ts';
import { getRecord, parseId, readRoutes } from '../http/resource.ts';
import { actionContext, fields, parseBody } from '../http/validate.ts';
import { usersSpec } from '../resources/users.ts';

/** Console logins (DESIGN §3 `users`); `password` is write-only. */

const password = z.string().min(MIN_PASSWORD_LENGTH, `At least ${MIN_PASSWORD_LENGTH} characters`).max(1000);
const UserInput = z.object({
  email: fields.email.transform((e) => e.toLowerCase()),
  name: fields.name,
  role: z.enum(['admin', 'partner', 'reseller'], { error: 'One of admin, partner, reseller' }),
  partner_id: fields.id.nullish(),
  reseller_id: fields.id.nullish(),
  active: z.boolean({ error: 'Expected true or false' }).optional(),
  password: password.optional(),
});
// react-admin's edit form sends an empty password field when it is left alone.
const UserChanges = UserInput.extend({ password: z.union([z.literal(''), password]).nullish() });

/** The schemas that validate this router's requests, for the OpenAPI document. */
export const userSchemas = { UserInput, UserChanges };

export function userRoutes(db: Db, clock: Pick<Clock, 'instant'>) {
  const router = readRoutes(db, usersSpec);

  const creations = rateLimit({
    windowMs: 3_600_000,
    limit: settings.loginCreationsPerHour,
    standardHeaders: 'draft-8',
    legacyHeaders: false,
    store: new DatabaseRateLimitStore(db, clock.instant, 'login-creations:'),
    skip: (_req, res) => actionContext(res).scope.role === 'admin',
    keyGenerator: (_req, res) => `login:${actionContext(res).scope.userId}`,
    handler: (_req, _res, next) =>
      next(Object.assign(new AppError(429, `At most ${settings.loginCreationsPerHour} new logins an hour: try again later`), { code: 'too_many_creations' })),
  });
  router.post('/', creations, async (req, res) => {
    const ctx = actionContext(res);
    const { password: plain, ...input } = parseBody(UserInput, req.body);
    const passwordHash = plain ? await hashPassword(plain) : undefined;
    const id = await transact(db, (tx) => createUser(tx, ctx, { ...input, passwordHash }));
    res.status(201).json(await getRecord(db, usersSpec, id, ctx.scope));
  });

  router.put('/:id', async (req, res) => {
    const ctx = actionContext(res);
    const id = parseId(req.params.id);
    await getRecord(db, usersSpec, id, ctx.scope);
    const { password: plain, ...input } = parseBody(UserChanges, req.body);
    const passwordHash = plain ? await hashPassword(plain) : undefined;
    await transact(db, (tx) => updateUser(tx, ctx, id, { ...input, passwordHash }));
    res.json(await getRecord(db, usersSpec, id, ctx.scope));
  });

  router.delete('/:id', async (req, res) => {
    const ctx = actionContext(res);
    const id = parseId(req.params.id);
    const record = await getRecord(db, usersSpec, id, ctx.scope);
    await transact(db, (tx) => deleteUser(tx, ctx, id));
    res.json(record);
  });
  return router;
}
