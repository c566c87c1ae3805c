import { Router } from 'express';
import type { Db } from '../data/transact.ts';
import { dashboardFigures } from '../domain/dashboard.ts';
import { actionContext } from '../http/validate.ts';
import type { ReadCache } from '../http/readCache.ts';
import { scopeKey } from '../http/resource.ts';

export function dashboardRoutes(db: Db) {
  const router = Router();
  router.get('/', async (_req, res) => {
    const ctx = actionContext(res);
    const cache = res.locals.readCache as ReadCache;
    const figures = await cache.get(`dashboard|${scopeKey(ctx.scope)}|${ctx.today}`, () => dashboardFigures(db, ctx.today, ctx.scope), {
      bytes: (d) => 2000 + d.pools.length * 200,
    });
    res.json(figures);
  });
  return router;
}
