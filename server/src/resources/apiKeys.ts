import { sql } from 'kysely';
import { ownKeys } from '../domain/auth/apiKeys.ts';
import type { ResourceSpec } from '../http/resource.ts';

/** An organisation's API keys (DESIGN §7); never the secret nor its hash. */
export const apiKeysSpec: ResourceSpec = {
  name: 'api_keys',
  label: 'API key',
  from: (db) => db.selectFrom('api_keys'),
  visibleTo: (scope) => ownKeys(scope),
  fields: {
    id: { column: 'api_keys.id', type: 'int' },
    name: { column: 'api_keys.name', type: 'text' },
    prefix: { column: 'api_keys.prefix', type: 'text' },
    scope: { column: 'api_keys.scope', type: 'enum', values: ['read', 'write', 'usage'] },
    partner_id: { column: 'api_keys.partner_id', type: 'int' },
    reseller_id: { column: 'api_keys.reseller_id', type: 'int' },
    expires_at: { column: 'api_keys.expires_at', type: 'text' },
    last_used_at: { column: 'api_keys.last_used_at', type: 'text' },
    revoked_at: { column: 'api_keys.revoked_at', type: 'text' },
    created_at: { column: 'api_keys.created_at', type: 'text' },
    revoked: { column: sql`(CASE WHEN api_keys.revoked_at IS NULL THEN 0 ELSE 1 END)`, type: 'bool' },
  },
  defaultSort: ['id', 'DESC'],
};
