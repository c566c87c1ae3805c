import { Router } from 'express';
import type { Db } from '../db/connection.ts';
import { byOrganisation } from '../domain/access.ts';
import { mountReadRoutes, type ResourceSpec } from '../http/resource.ts';

/** Read-only trails: logins (access_log) and changes. */

export const accessLogSpec: ResourceSpec = {
  name: 'access_log',
  label: 'Access log entry',
  from: (db) => db.selectFrom('access_log'),
  // Admins read every entry; a partner its organisation's (its own and its resellers' logins).
  readers: ['admin', 'partner'],
  visibleTo: (scope) => byOrganisation(scope, 'access_log.partner_id', 'access_log.reseller_id'),
  fields: {
    id: { column: 'access_log.id', type: 'int' },
    event: { column: 'access_log.event', type: 'enum', values: ['login_success', 'login_failure', 'logout', 'password_change', 'totp_enabled', 'totp_disabled', 'recovery_code_used'] },
    user_id: { column: 'access_log.user_id', type: 'int' },
    email: { column: 'access_log.email', type: 'text' },
    reason: { column: 'access_log.reason', type: 'text' },
    ip: { column: 'access_log.ip', type: 'text' },
    user_agent: { column: 'access_log.user_agent', type: 'text' },
    partner_id: { column: 'access_log.partner_id', type: 'int' },
    reseller_id: { column: 'access_log.reseller_id', type: 'int' },
    created_at: { column: 'access_log.created_at', type: 'text' },
  },
  defaultSort: ['id', 'DESC'],
};

export const changesSpec: ResourceSpec = {
  name: 'changes',
  label: 'Change',
  from: (db) => db.selectFrom('changes'),
  visibleTo: (scope) => byOrganisation(scope, 'changes.partner_id', 'changes.reseller_id'),
  fields: {
    id: { column: 'changes.id', type: 'int' },
    actor: { column: 'changes.actor', type: 'text' },
    action: { column: 'changes.action', type: 'text' },
    resource: { column: 'changes.resource', type: 'text' },
    record_id: { column: 'changes.record_id', type: 'int' },
    partner_id: { column: 'changes.partner_id', type: 'int' },
    reseller_id: { column: 'changes.reseller_id', type: 'int' },
    data: { column: 'changes.data', type: 'text' },
    created_at: { column: 'changes.created_at', type: 'text' },
  },
  defaultSort: ['id', 'DESC'],
};

export function auditRoutes(db: Db) {
  const router = Router();
  mountReadRoutes(router, db, [accessLogSpec, changesSpec]);
  return router;
}
