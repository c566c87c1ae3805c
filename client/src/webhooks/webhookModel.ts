import { WEBHOOK_EVENTS } from '../../../shared/contract';
import type { Webhook, WebhookDelivery } from '../providers/dataProvider';

/** The events a webhook may choose, labelled in the console's language. */
export const EVENT_CHOICES = WEBHOOK_EVENTS.map(event => ({ id: event, name: `cascade.webhooks.events.${event}` }));

export const eventLabel = (event: string) => `cascade.webhooks.events.${event}`;

export type EndpointState = 'active' | 'failing' | 'inactive';

/** What the list shows of an endpoint: deactivated, failing (3 days of failed deliveries) or active. */
export const endpointState = (webhook: Pick<Webhook, 'active' | 'failing_since'>): EndpointState =>
    !webhook.active ? 'inactive' : webhook.failing_since ? 'failing' : 'active';

/** MUI chip colours of the endpoint states and of the delivery statuses. */
export const STATE_COLOURS = { active: 'success', failing: 'error', inactive: 'default' } as const;
export const DELIVERY_COLOURS: Record<WebhookDelivery['status'], 'warning' | 'success' | 'error'> = {
    pending: 'warning',
    delivered: 'success',
    failed: 'error',
};
