import { Router } from 'express';
import { sql, type SqlBool } from 'kysely';
import type { Db } from '../db/connection.ts';
import { byOrganisation } from '../domain/access.ts';
import { getRecord, parseId, mountReadRoutes, type ResourceSpec } from '../http/resource.ts';
import { actionContext } from '../http/validate.ts';

/** The bell: the caller's own notifications (filter read=false for the unread count). */
export const notificationsSpec: ResourceSpec = {
  name: 'notifications',
  label: 'Notification',
  from: (db) => db.selectFrom('notifications'),
  visibleTo: (scope) => sql<SqlBool>`notifications.user_id = ${scope.userId ?? -1}`,
  fields: {
    id: { column: 'notifications.id', type: 'int' },
    kind: { column: 'notifications.kind', type: 'enum', values: ['reminder', 'auto_renew_failed'] },
    subscription_id: { column: 'notifications.subscription_id', type: 'int' },
    client_id: { column: 'notifications.client_id', type: 'int' },
    days_before: { column: 'notifications.days_before', type: 'int' },
    end_date: { column: 'notifications.end_date', type: 'date' },
    message: { column: 'notifications.message', type: 'text' },
    created_at: { column: 'notifications.created_at', type: 'text' },
    read: { column: sql`notifications.read_at IS NOT NULL`, type: 'bool' },
    emailed: { column: sql`notifications.emailed_at IS NOT NULL`, type: 'bool' },
    // The e-mail's delivery (mail.ts): pending (tried again at email_next_attempt_at), sent or failed.
    email_status: { column: 'notifications.email_status', type: 'enum', values: ['pending', 'sent', 'failed'] },
    email_attempts: { column: 'notifications.email_attempts', type: 'int' },
    email_next_attempt_at: { column: 'notifications.email_next_attempt_at', type: 'text' },
  },
  defaultSort: ['id', 'DESC'],
};

/** Every auto-renewal attempt ("Historique des renouvellements"), seen with its subscription. */
export const renewalAttemptsSpec: ResourceSpec = {
  name: 'renewal_attempts',
  label: 'Renewal attempt',
  from: (db) => db.selectFrom('renewal_attempts').innerJoin('subscriptions', 'subscriptions.id', 'renewal_attempts.subscription_id'),
  visibleTo: (scope) => byOrganisation(scope, 'subscriptions.partner_id', 'subscriptions.reseller_id'),
  fields: {
    id: { column: 'renewal_attempts.id', type: 'int' },
    subscription_id: { column: 'renewal_attempts.subscription_id', type: 'int' },
    run_date: { column: 'renewal_attempts.run_date', type: 'date' },
    outcome: { column: 'renewal_attempts.outcome', type: 'enum', values: ['renewed', 'failed', 'exhausted'] },
    message: { column: 'renewal_attempts.message', type: 'text' },
    term_id: { column: 'renewal_attempts.term_id', type: 'int' },
    created_at: { column: 'renewal_attempts.created_at', type: 'text' },
  },
  defaultSort: ['run_date', 'DESC'],
};

export function notificationRoutes(db: Db) {
  const router = Router();
  mountReadRoutes(router, db, [notificationsSpec, renewalAttemptsSpec]);
  router.post('/notifications/read-all', async (_req, res) => {
    const ctx = actionContext(res);
    const result = await db
      .updateTable('notifications')
      .set({ read_at: ctx.now })
      .where('user_id', '=', ctx.scope.userId ?? -1)
      .where('read_at', 'is', null)
      .executeTakeFirst();
    res.json({ read: Number(result.numUpdatedRows) });
  });
  router.post('/notifications/:id/read', async (req, res) => {
    const ctx = actionContext(res);
    const id = parseId(req.params.id);
    await getRecord(db, notificationsSpec, id, ctx.scope);
    await db.updateTable('notifications').set({ read_at: ctx.now }).where('id', '=', id).where('read_at', 'is', null).execute();
    res.json(await getRecord(db, notificationsSpec, id, ctx.scope));
  });
  return router;
}
