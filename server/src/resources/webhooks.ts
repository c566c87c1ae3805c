import { ownOrganisation } from '../domain/access.ts';
import type { ResourceSpec } from '../http/resource.ts';

/**
 * Webhook endpoints and their deliveries (DESIGN §7): an organisation sees its own (a partner not
 * its resellers'). The secret is never read back: it is answered once, by POST /api/webhooks.
 */
export const webhooksSpec: ResourceSpec = {
  name: 'webhooks',
  label: 'Webhook',
  from: (db) => db.selectFrom('webhooks'),
  visibleTo: (scope) => ownOrganisation(scope, 'webhooks.partner_id', 'webhooks.reseller_id'),
  fields: {
    id: { column: 'webhooks.id', type: 'int' },
    url: { column: 'webhooks.url', type: 'text' },
    events: { column: 'webhooks.events', type: 'text' },
    active: { column: 'webhooks.active', type: 'bool' },
    failing_since: { column: 'webhooks.failing_since', type: 'text' },
    created_at: { column: 'webhooks.created_at', type: 'text' },
  },
  defaultSort: ['id', 'ASC'],
  toRecord: (row) => ({ ...row, events: JSON.parse(row.events as string) as string[] }),
};

export const webhookDeliveriesSpec: ResourceSpec = {
  name: 'webhook_deliveries',
  label: 'Webhook delivery',
  from: (db) => db.selectFrom('webhook_deliveries').innerJoin('webhooks', 'webhooks.id', 'webhook_deliveries.webhook_id'),
  visibleTo: (scope) => ownOrganisation(scope, 'webhooks.partner_id', 'webhooks.reseller_id'),
  fields: {
    id: { column: 'webhook_deliveries.id', type: 'int' },
    webhook_id: { column: 'webhook_deliveries.webhook_id', type: 'int' },
    event_id: { column: 'webhook_deliveries.event_id', type: 'text' },
    type: { column: 'webhook_deliveries.type', type: 'text' },
    status: { column: 'webhook_deliveries.status', type: 'enum', values: ['pending', 'delivered', 'failed'] },
    attempts: { column: 'webhook_deliveries.attempts', type: 'int' },
    last_status_code: { column: 'webhook_deliveries.last_status_code', type: 'int' },
    last_error: { column: 'webhook_deliveries.last_error', type: 'text' },
    response_snippet: { column: 'webhook_deliveries.response_snippet', type: 'text' },
    next_attempt_at: { column: 'webhook_deliveries.next_attempt_at', type: 'text' },
    last_attempt_at: { column: 'webhook_deliveries.last_attempt_at', type: 'text' },
    delivered_at: { column: 'webhook_deliveries.delivered_at', type: 'text' },
    created_at: { column: 'webhook_deliveries.created_at', type: 'text' },
  },
  defaultSort: ['id', 'DESC'],
};
