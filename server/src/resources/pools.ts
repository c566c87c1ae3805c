import { sql } from 'kysely';
import { byOrganisation } from '../domain/access.ts';
import type { ResourceSpec } from '../http/resource.ts';

/** The license pools of partners and resellers, one per product. */
export const poolsSpec: ResourceSpec = {
  name: 'pools',
  label: 'Pool',
  from: (db) =>
    db
      .selectFrom('pools')
      .innerJoin('partners', 'partners.id', 'pools.partner_id')
      .leftJoin('resellers', 'resellers.id', 'pools.reseller_id'),
  fields: {
    id: { column: 'pools.id', type: 'int' },
    holder_type: { column: 'pools.holder_type', type: 'enum', values: ['partner', 'reseller'] },
    holder_id: { column: 'pools.holder_id', type: 'int' },
    holder_name: { column: sql`coalesce(resellers.name, partners.name)`, type: 'text' },
    partner_id: { column: 'pools.partner_id', type: 'int' },
    reseller_id: { column: 'pools.reseller_id', type: 'int' },
    product_id: { column: 'pools.product_id', type: 'int' },
    balance: { column: 'pools.balance', type: 'int' },
  },
  visibleTo: (scope) => byOrganisation(scope, 'pools.partner_id', 'pools.reseller_id'),
  search: ['partners.search_name', 'resellers.search_name'],
  defaultSort: ['id', 'ASC'],
};
