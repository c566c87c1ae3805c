import { byOrganisation } from '../domain/access.ts';
import type { ResourceSpec } from '../http/resource.ts';

/** Every auto-renewal attempt ("Historique des renouvellements"), seen with its subscription. */
export const renewalAttemptsSpec: ResourceSpec = {
  name: 'renewal_attempts',
  label: 'Renewal attempt',
  from: (db) => db.selectFrom('renewal_attempts').innerJoin('subscriptions', 'subscriptions.id', 'renewal_attempts.subscription_id'),
  visibleTo: (scope) => byOrganisation(scope, 'subscriptions.partner_id', 'subscriptions.reseller_id'),
  fields: {
    id: { column: 'renewal_attempts.id', type: 'int' },
    subscription_id: { column: 'renewal_attempts.subscription_id', type: 'int' },
    run_date: { column: 'renewal_attempts.run_date', type: 'date' },
    outcome: { column: 'renewal_attempts.outcome', type: 'enum', values: ['renewed', 'failed', 'exhausted'] },
    message: { column: 'renewal_attempts.message', type: 'text' },
    term_id: { column: 'renewal_attempts.term_id', type: 'int' },
    created_at: { column: 'renewal_attempts.created_at', type: 'text' },
  },
  defaultSort: ['run_date', 'DESC'],
};
