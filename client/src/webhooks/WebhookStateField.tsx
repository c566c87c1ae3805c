import { Chip } from '@mui/material';
import { useRecordContext, useTranslate } from 'react-admin';
import type { Webhook } from '../providers/dataProvider';
import { STATE_COLOURS, endpointState } from './webhookModel';

/** Active, failing or deactivated, as a coloured chip with its word (never colour alone). */
export const WebhookStateField = (_props: { label?: string }) => {
    const webhook = useRecordContext<Webhook>();
    const translate = useTranslate();
    if (!webhook) return null;
    const state = endpointState(webhook);
    return <Chip size="small" variant="outlined" color={STATE_COLOURS[state]} label={translate(`cascade.webhooks.state.${state}`)} />;
};

/** The chosen events, in words. */
export const WebhookEventsField = (_props: { label?: string }) => {
    const webhook = useRecordContext<Webhook>();
    const translate = useTranslate();
    if (!webhook) return null;
    return <span>{webhook.events.map(event => translate(`cascade.webhooks.events.${event}`)).join(', ')}</span>;
};
