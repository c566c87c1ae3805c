import type { Db } from '../data/transact.ts';
import { getRecord, parseId, readRoutes } from '../http/resource.ts';
import { actionContext } from '../http/validate.ts';
import { markAllRead, markRead, notificationsSpec } from '../resources/notifications.ts';

/** The bell: the caller's own notifications, read one by one or all at once. */
export function notificationRoutes(db: Db) {
  const router = readRoutes(db, notificationsSpec);
  router.post('/read-all', async (_req, res) => {
    const ctx = actionContext(res);
    res.json({ read: await markAllRead(db, ctx.scope.userId, ctx.now) });
  });
  router.post('/:id/read', async (req, res) => {
    const ctx = actionContext(res);
    const id = parseId(req.params.id);
    await getRecord(db, notificationsSpec, id, ctx.scope);
    await markRead(db, id, ctx.now);
    res.json(await getRecord(db, notificationsSpec, id, ctx.scope));
  });
  return router;
}
