import { byOrganisation } from '../domain/access.ts';
import type { ResourceSpec } from '../http/resource.ts';
import { buyerFields } from './legalIdentity.ts';

/** The resellers: organisations that take licenses from their partner. */
export const resellersSpec: ResourceSpec = {
  name: 'resellers',
  label: 'Reseller',
  from: (db) => db.selectFrom('resellers'),
  visibleTo: (scope) => byOrganisation(scope, 'resellers.partner_id', 'resellers.id'),
  fields: {
    id: { column: 'resellers.id', type: 'int' },
    name: { column: 'resellers.name', type: 'text' },
    email: { column: 'resellers.email', type: 'text' },
    partner_id: { column: 'resellers.partner_id', type: 'int' },
    require_totp: { column: 'resellers.require_totp', type: 'bool' },
    ...buyerFields('resellers'),
  },
  search: ['resellers.search_name'],
  defaultSort: ['name', 'ASC'],
};
