import { byOrganisation } from '../domain/access.ts';
import type { ResourceSpec } from '../http/resource.ts';

/** Console logins (DESIGN §3 `users`); `password` is write-only. */
export const usersSpec: ResourceSpec = {
  name: 'users',
  label: 'User',
  from: (db) => db.selectFrom('users'),
  visibleTo: (scope) => byOrganisation(scope, 'users.partner_id', 'users.reseller_id'),
  fields: {
    id: { column: 'users.id', type: 'int' },
    email: { column: 'users.email', type: 'text' },
    name: { column: 'users.name', type: 'text' },
    role: { column: 'users.role', type: 'enum', values: ['admin', 'partner', 'reseller'] },
    partner_id: { column: 'users.partner_id', type: 'int' },
    reseller_id: { column: 'users.reseller_id', type: 'int' },
    active: { column: 'users.active', type: 'bool' },
    totp_enabled: { column: 'users.totp_enabled', type: 'bool' },
    created_at: { column: 'users.created_at', type: 'text' },
  },
  search: ['users.search_name'],
  defaultSort: ['email', 'ASC'],
};
