import { byOrganisation } from '../domain/access.ts';
import type { ResourceSpec } from '../http/resource.ts';
import { describeUserAgent } from '../domain/userAgent.ts';

/** The login trail (access_log): who logged in, failed, logged out, changed a password or 2FA. */
export const accessLogSpec: ResourceSpec = {
  name: 'access_log',
  label: 'Access log entry',
  from: (db) => db.selectFrom('access_log'),
  // Admins read every entry; a partner its organisation's (its own and its resellers' logins).
  readers: ['admin', 'partner'],
  visibleTo: (scope) => byOrganisation(scope, 'access_log.partner_id', 'access_log.reseller_id'),
  fields: {
    id: { column: 'access_log.id', type: 'int' },
    event: { column: 'access_log.event', type: 'enum', values: ['login_success', 'login_failure', 'logout', 'password_change', 'totp_enabled', 'totp_disabled', 'recovery_code_used', 'api_key_used'] },
    user_id: { column: 'access_log.user_id', type: 'int' },
    email: { column: 'access_log.email', type: 'text' },
    reason: { column: 'access_log.reason', type: 'text' },
    ip: { column: 'access_log.ip', type: 'text' },
    user_agent: { column: 'access_log.user_agent', type: 'text' },
    partner_id: { column: 'access_log.partner_id', type: 'int' },
    reseller_id: { column: 'access_log.reseller_id', type: 'int' },
    created_at: { column: 'access_log.created_at', type: 'text' },
    api_key_id: { column: 'access_log.api_key_id', type: 'int' },
  },
  defaultSort: ['id', 'DESC'],
  // Named for people beside the raw string (not filterable: computed on the way out).
  toRecord: (record) => ({ ...record, ...describeUserAgent(record.user_agent as string | null) }),
};
