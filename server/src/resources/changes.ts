import { byOrganisation } from '../domain/access.ts';
import type { ResourceSpec } from '../http/resource.ts';

/** The change trail: who created, changed or deleted what (domain/changes.ts writes it). */
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
