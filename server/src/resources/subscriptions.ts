import { sql, type SqlBool } from 'kysely';
import { byOrganisation } from '../domain/access.ts';
import { ValidationError } from '../domain/errors.ts';
import { STATUSES } from '../domain/status.ts';
import type { FieldSpec, FilterValue } from '../http/listQuery.ts';
import type { ResourceSpec } from '../http/resource.ts';

/** A filter on one date (a bound of a period): a list or null means nothing here, and is refused. */
function oneDate(name: string, value: FilterValue): string {
  if (typeof value !== 'string') throw new ValidationError(`Invalid filter ${name}: expected one date`, { [name]: 'Expected one date YYYY-MM-DD' });
  return value;
}

/** Subscriptions whose shown end date is on the bound's side. */
const endDateBound = (name: string, operator: '>=' | '<='): FieldSpec => ({
  column: 'subscriptions.end_date',
  type: 'date',
  filterOnly: { where: (value) => sql<SqlBool>`subscriptions.end_date ${sql.raw(operator)} ${oneDate(name, value)}` },
});

/** More active users reported than seats (0/1 in both dialects, so `over_used=true` filters alike). */
export const OVER_USED = sql<number>`(CASE WHEN subscriptions.active_users > subscriptions.seats THEN 1 ELSE 0 END)`;

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
    product_name: { column: sql`(SELECT products.name FROM products WHERE products.id = subscriptions.product_id)`, type: 'text' },
    reseller_name: { column: sql`(SELECT resellers.name FROM resellers WHERE resellers.id = subscriptions.reseller_id)`, type: 'text' },
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
    // The latest usage report (DESIGN §7): null if none came; over-used when it exceeds the seats.
    active_users: { column: 'subscriptions.active_users', type: 'int' },
    active_users_measured_at: { column: 'subscriptions.active_users_measured_at', type: 'text' },
    over_used: { column: OVER_USED, type: 'bool' },
    end_date_gte: endDateBound('end_date_gte', '>='),
    end_date_lte: endDateBound('end_date_lte', '<='),
    // "Renouvelés ce mois-ci": a live renewal (manual, bulk or automatic) made on or after that day (UTC).
    renewed_from: {
      column: 'subscriptions.id',
      type: 'date',
      filterOnly: {
        where: (value) =>
          sql<SqlBool>`EXISTS (SELECT 1 FROM terms WHERE terms.subscription_id = subscriptions.id AND terms.undone_at IS NULL
            AND terms.origin <> 'creation' AND terms.created_at >= ${oneDate('renewed_from', value)})`,
      },
    },
  },
  visibleTo: (scope) => byOrganisation(scope, 'subscriptions.partner_id', 'subscriptions.reseller_id'),
  search: ['subscriptions.search_name'],
  // A subscription is found by its client's name.
  searchIndex: { table: 'clients_search', key: 'subscriptions.client_id' },
  defaultSort: ['end_date', 'ASC'],
};
