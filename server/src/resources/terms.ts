import { sql, type SqlBool } from 'kysely';
import { byOrganisation, type Scope } from '../domain/access.ts';
import type { ResourceSpec } from '../http/resource.ts';

/** The terms of the subscriptions: each paid period. */
/** Rows whose subscription the scope sees. */
function inScopedSubscriptions(scope: Scope, column: string) {
  const subs = byOrganisation(scope, 's.partner_id', 's.reseller_id');
  return subs ? sql<SqlBool>`${sql.ref(column)} IN (SELECT s.id FROM subscriptions s WHERE ${subs})` : null;
}

export const termsSpec: ResourceSpec = {
  name: 'terms',
  label: 'Term',
  // Undone terms no longer belong to their subscription.
  from: (db) => db.selectFrom('terms').where('terms.undone_at', 'is', null),
  fields: {
    id: { column: 'terms.id', type: 'int' },
    subscription_id: { column: 'terms.subscription_id', type: 'int' },
    start_date: { column: 'terms.start_date', type: 'date' },
    end_date: { column: 'terms.end_date', type: 'date' },
    years: { column: 'terms.years', type: 'int' },
    seats: { column: 'terms.seats', type: 'int' },
    created_at: { column: 'terms.created_at', type: 'text' },
    origin: { column: 'terms.origin', type: 'enum', values: ['creation', 'renewal', 'auto_renewal'] },
  },
  visibleTo: (scope) => inScopedSubscriptions(scope, 'terms.subscription_id'),
  defaultSort: ['start_date', 'ASC'],
};
