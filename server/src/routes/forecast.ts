import { Router } from 'express';
import type { Db } from '../data/transact.ts';
import { stockForecast } from '../domain/forecast.ts';
import type { ReadCache } from '../http/readCache.ts';
import { scopeKey } from '../http/resource.ts';
import { actionContext } from '../http/validate.ts';

/** GET /api/forecast: per pool in scope, the licences renewals will need soon (kept until the next write). */
export function forecastRoutes(db: Db) {
  const router = Router();
  router.get('/', async (_req, res) => {
    const ctx = actionContext(res);
    const cache = res.locals.readCache as ReadCache;
    res.json(await cache.get(`forecast|${scopeKey(ctx.scope)}|${ctx.today}`, () => stockForecast(db, ctx.today, ctx.scope)));
  });
  return router;
}
