import { Router } from 'express';
import type { Clock } from '../clock.ts';
import type { Db } from '../data/transact.ts';
import { requireRole } from '../domain/access.ts';
import { checkInvariants, type Fault } from '../domain/invariants.ts';
import { actionContext } from '../http/validate.ts';

/**
 * GET /api/health/ledger: the invariants of `npm run check`, for admins (403 for others).
 * The check reads the whole ledger (about a second at 100k clients, during which the server
 * answers nothing else), so one answer serves every request for a few seconds.
 */
const KEEP_MS = 10_000;

export function ledgerHealthRoutes(db: Db, clock: Pick<Clock, 'instant' | 'now'>) {
  const router = Router();
  let last: { at: number; answer: Promise<{ checked_at: string; faults: Fault[] }> } | null = null;
  router.get('/', async (_req, res) => {
    requireRole(actionContext(res).scope, ['admin'], 'check the ledger');
    if (!last || clock.instant() - last.at >= KEEP_MS) {
      const checkedAt = clock.now();
      last = { at: clock.instant(), answer: checkInvariants(db).then((faults) => ({ checked_at: checkedAt, faults })) };
      last.answer.catch(() => (last = null));
    }
    const { checked_at, faults } = await last.answer;
    res.json({ status: faults.length === 0 ? 'ok' : 'faults', checked_at, faults });
  });
  return router;
}
