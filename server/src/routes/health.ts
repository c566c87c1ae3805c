import { Router } from 'express';
import type { Logger } from 'pino';
import type { Clock } from '../clock.ts';
import type { Db } from '../data/transact.ts';
import { appliedMigrationNames, migrationFiles } from '../db/migrate.ts';

/** How long the readiness read may wait for the database (behind a long transaction, say). */
const READY_TIMEOUT_MS = 2000;

class ReadTimedOut extends Error {}

function withTimeout<T>(work: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timedOut = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new ReadTimedOut()), ms);
  });
  return Promise.race([work, timedOut]).finally(() => clearTimeout(timer));
}

/**
 * Public probes, no session. `/api/health` is liveness: the process answers (no database, so a
 * busy database never gets a live server restarted). `/api/health/ready` is readiness: a real read
 * within a short timeout, and every migration file of this build applied.
 */
export function healthRoutes(db: Db, clock: Clock, logger: Logger, stopping: () => boolean = () => false, readyTimeoutMs = READY_TIMEOUT_MS) {
  const migrations = migrationFiles();
  const router = Router();
  router.use((_req, res, next) => {
    res.set('Cache-Control', 'no-store');
    next();
  });

  router.get('/', (_req, res) => {
    // `now` lets the console measure time windows (undo) by the server's clock, not the device's.
    res.json({ status: 'ok', today: clock.today(), now: clock.now() });
  });

  router.get('/ready', async (_req, res) => {
    const unavailable = (reason: string) => res.status(503).json({ status: 'unavailable', reason });
    if (stopping()) return unavailable('the server is shutting down');
    let applied: Set<string>;
    try {
      applied = await withTimeout(appliedMigrationNames(db), readyTimeoutMs);
    } catch (err) {
      if (err instanceof ReadTimedOut) return unavailable(`the database did not answer within ${readyTimeoutMs} ms`);
      logger.warn({ err }, 'readiness read failed');
      return unavailable('the database could not be read');
    }
    const missing = migrations.filter((name) => !applied.has(name));
    if (missing.length) return unavailable(`migrations not applied: ${missing.join(', ')}`);
    res.json({ status: 'ready' });
  });
  return router;
}
