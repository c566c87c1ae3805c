import { sql, type SqlBool } from 'kysely';
import type { ResourceSpec } from '../http/resource.ts';
import { buyerFields } from './legalIdentity.ts';

/** The partners: organisations that buy licenses from the publisher. */
export const partnersSpec: ResourceSpec = {
  name: 'partners',
  label: 'Partner',
  from: (db) => db.selectFrom('partners'),
  // A partner sees itself; a reseller sees its own partner (its clients name it).
  visibleTo: (scope) => (scope.role === 'admin' ? null : sql<SqlBool>`partners.id = ${scope.partnerId}`),
  fields: {
    id: { column: 'partners.id', type: 'int' },
    name: { column: 'partners.name', type: 'text' },
    email: { column: 'partners.email', type: 'text' },
    require_totp: { column: 'partners.require_totp', type: 'bool' },
    ...buyerFields('partners'),
  },
  search: ['partners.search_name'],
  defaultSort: ['name', 'ASC'],
};
