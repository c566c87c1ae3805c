import { byOrganisation } from '../domain/access.ts';
import type { ResourceSpec } from '../http/resource.ts';

const isFieldChange = (value: unknown) => typeof value === 'object' && value !== null && !Array.isArray(value) && 'from' in value && 'to' in value;

/**
 * `data` as {field: {from, to}} (JSON text). Rows written before issue 12 held the new values
 * only: each is read as a change from an unknown (null) value.
 */
function fieldChangesText(data: unknown): unknown {
  if (typeof data !== 'string') return data;
  const parsed: unknown = JSON.parse(data);
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) return JSON.stringify({ value: { from: null, to: parsed } });
  const entries = Object.entries(parsed);
  if (entries.every(([, value]) => isFieldChange(value))) return data;
  return JSON.stringify(Object.fromEntries(entries.map(([field, value]) => [field, isFieldChange(value) ? value : { from: null, to: value }])));
}

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
  toRecord: (record) => ({ ...record, data: fieldChangesText(record.data) }),
};
