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
    // The answer is kept serialised: serialising the figures again for every request cost a fifth of
    // the dashboard's throughput.
    const body = await cache.get(`dashboard|${scopeKey(ctx.scope)}|${ctx.today}`, async () => JSON.stringify(await dashboardFigures(db, ctx.today, ctx.scope)), {
      bytes: (json) => json.length,
    });
    res.type('json').send(body);
  });
  return router;
}
