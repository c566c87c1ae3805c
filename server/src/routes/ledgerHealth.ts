import { Router } from 'express';
import type { Db } from '../db/connection.ts';
import { requireRole } from '../domain/access.ts';
import { checkInvariants } from '../domain/invariants.ts';
import { actionContext } from '../http/validate.ts';

/** GET /api/health/ledger: the invariants of `npm run check`, for admins (403 for others). */
export function ledgerHealthRoutes(db: Db) {
  const router = Router();
  router.get('/health/ledger', async (_req, res) => {
    requireRole(actionContext(res).scope, ['admin'], 'check the ledger');
    const faults = await checkInvariants(db);
    res.json({ status: faults.length === 0 ? 'ok' : 'faults', faults });
  });
  return router;
}
