import { sql, type SqlBool } from 'kysely';
import { byOrganisation } from '../domain/access.ts';
import { STATUSES } from '../domain/status.ts';
import { whereValue, type ResourceSpec } from '../http/resource.ts';

/** The clients (archived ones are gone from the API). */
export const clientsSpec: ResourceSpec = {
  name: 'clients',
  label: 'Client',
  from: (db) => db.selectFrom('clients').where('clients.archived', '=', 0),
  fields: {
    id: { column: 'clients.id', type: 'int' },
    name: { column: 'clients.name', type: 'text' },
    reference: { column: 'clients.reference', type: 'text' },
    partner_id: { column: 'clients.partner_id', type: 'int' },
    reseller_id: { column: 'clients.reseller_id', type: 'int' },
    status: { column: 'clients.status', type: 'enum', values: STATUSES },
    end_date: { column: 'clients.end_date', type: 'date' },
    to_renew: { column: 'clients.to_renew', type: 'bool' },
    created_at: { column: 'clients.created_at', type: 'text' },
    undo_until: { column: 'clients.undo_until', type: 'text' },
    // Clients having a subscription to the product(s).
    product_id: {
      column: 'subscriptions.product_id',
      type: 'int',
      filterOnly: {
        where: (value) =>
          sql<SqlBool>`EXISTS (SELECT 1 FROM subscriptions WHERE subscriptions.client_id = clients.id AND ${whereValue(clientsSpec.fields.product_id, value)})`,
      },
    },
  },
  visibleTo: (scope) => byOrganisation(scope, 'clients.partner_id', 'clients.reseller_id'),
  search: ['clients.search_name'],
  searchIndex: { table: 'clients_search', key: 'clients.id' },
  defaultSort: ['name', 'ASC'],
};
