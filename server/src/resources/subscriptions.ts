import { byOrganisation } from '../domain/access.ts';
import { STATUSES } from '../domain/status.ts';
import type { ResourceSpec } from '../http/resource.ts';

/** The subscriptions (archived ones are gone from the API). */
export const subscriptionsSpec: ResourceSpec = {
  name: 'subscriptions',
  label: 'Subscription',
  from: (db) => db.selectFrom('subscriptions').where('subscriptions.archived', '=', 0),
  fields: {
    id: { column: 'subscriptions.id', type: 'int' },
    client_id: { column: 'subscriptions.client_id', type: 'int' },
    client_name: { column: 'subscriptions.client_name', type: 'text' },
    product_id: { column: 'subscriptions.product_id', type: 'int' },
    partner_id: { column: 'subscriptions.partner_id', type: 'int' },
    reseller_id: { column: 'subscriptions.reseller_id', type: 'int' },
    status: { column: 'subscriptions.status', type: 'enum', values: STATUSES },
    start_date: { column: 'subscriptions.start_date', type: 'date' },
    end_date: { column: 'subscriptions.end_date', type: 'date' },
    years: { column: 'subscriptions.years', type: 'int' },
    seats: { column: 'subscriptions.seats', type: 'int' },
    auto_renew: { column: 'subscriptions.auto_renew', type: 'bool' },
    cancelled: { column: 'subscriptions.cancelled', type: 'bool' },
    renewed: { column: 'subscriptions.renewed', type: 'bool' },
    to_renew: { column: 'subscriptions.to_renew', type: 'bool' },
    next_seats: { column: 'subscriptions.next_seats', type: 'int' },
    next_years: { column: 'subscriptions.next_years', type: 'int' },
    auto_renew_exhausted: { column: 'subscriptions.auto_renew_exhausted', type: 'bool' },
    auto_renew_failing_since: { column: 'subscriptions.auto_renew_failing_since', type: 'date' },
    undo_until: { column: 'subscriptions.undo_until', type: 'text' },
  },
  visibleTo: (scope) => byOrganisation(scope, 'subscriptions.partner_id', 'subscriptions.reseller_id'),
  search: ['subscriptions.search_name'],
  // A subscription is found by its client's name.
  searchIndex: { table: 'clients_search', key: 'subscriptions.client_id' },
  defaultSort: ['end_date', 'ASC'],
};
