import { sql, type SqlBool } from 'kysely';
import type { Db } from '../data/transact.ts';
import { NOTIFICATION_KINDS } from '../db/schema.ts';
import type { ResourceSpec } from '../http/resource.ts';

/** The bell: the caller's own notifications (filter read=false for the unread count). */
export const notificationsSpec: ResourceSpec = {
  name: 'notifications',
  label: 'Notification',
  from: (db) => db.selectFrom('notifications'),
  visibleTo: (scope) => sql<SqlBool>`notifications.user_id = ${scope.userId ?? -1}`,
  fields: {
    id: { column: 'notifications.id', type: 'int' },
    kind: { column: 'notifications.kind', type: 'enum', values: NOTIFICATION_KINDS },
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

/** Marks every unread notification of a login read; answers how many were. */
export async function markAllRead(db: Db, userId: number | null, now: string): Promise<number> {
  const result = await db
    .updateTable('notifications')
    .set({ read_at: now })
    .where('user_id', '=', userId ?? -1)
    .where('read_at', 'is', null)
    .executeTakeFirst();
  return Number(result.numUpdatedRows);
}

/** Marks one notification read (a notification read already keeps its first time). */
export async function markRead(db: Db, id: number, now: string): Promise<void> {
  await db.updateTable('notifications').set({ read_at: now }).where('id', '=', id).where('read_at', 'is', null).execute();
}
