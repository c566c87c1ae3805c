import { Router } from 'express';
import type { Db } from '../db/connection.ts';
import { dashboardFigures } from '../domain/dashboard.ts';
import { actionContext } from '../http/validate.ts';

export function dashboardRoutes(db: Db) {
  const router = Router();
  router.get('/', async (_req, res) => {
    const ctx = actionContext(res);
    res.json(await dashboardFigures(db, ctx.today, ctx.scope));
  });
  return router;
}
