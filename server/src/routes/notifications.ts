import type { Db } from '../db/connection.ts';
import { getRecord, parseId, readRoutes } from '../http/resource.ts';
import { actionContext } from '../http/validate.ts';
import { notificationsSpec } from '../resources/notifications.ts';

/** The bell: the caller's own notifications, read one by one or all at once. */
export function notificationRoutes(db: Db) {
  const router = readRoutes(db, notificationsSpec);
  router.post('/read-all', async (_req, res) => {
    const ctx = actionContext(res);
    const result = await db
      .updateTable('notifications')
      .set({ read_at: ctx.now })
      .where('user_id', '=', ctx.scope.userId ?? -1)
      .where('read_at', 'is', null)
      .executeTakeFirst();
    res.json({ read: Number(result.numUpdatedRows) });
  });
  router.post('/:id/read', async (req, res) => {
    const ctx = actionContext(res);
    const id = parseId(req.params.id);
    await getRecord(db, notificationsSpec, id, ctx.scope);
    await db.updateTable('notifications').set({ read_at: ctx.now }).where('id', '=', id).where('read_at', 'is', null).execute();
    res.json(await getRecord(db, notificationsSpec, id, ctx.scope));
  });
  return router;
}
