import { Router } from 'express';
import type { Db } from '../db/connection.ts';
import { mountReadRoutes } from '../http/resource.ts';
import { accessLogSpec } from '../resources/accessLog.ts';
import { changesSpec } from '../resources/changes.ts';

/** Read-only trails: logins (access_log) and changes. */

export function auditRoutes(db: Db) {
  const router = Router();
  mountReadRoutes(router, db, [accessLogSpec, changesSpec]);
  return router;
}
