import { Typography } from '@mui/material';
import { DateField, EditButton, Labeled, Show, SimpleShowLayout, TextField, TopToolbar, useTranslate } from 'react-admin';
import { DeliveryLog } from './DeliveryLog';
import { WebhookEventsField, WebhookStateField } from './WebhookStateField';

/** One endpoint and its delivery log. */
export const WebhookShow = () => {
    const translate = useTranslate();
    return (
        <Show
            actions={
                <TopToolbar>
                    <EditButton />
                </TopToolbar>
            }
        >
            <SimpleShowLayout>
                <TextField source="url" sx={{ wordBreak: 'break-all' }} />
                <Labeled source="events">
                    <WebhookEventsField />
                </Labeled>
                <Labeled source="status">
                    <WebhookStateField />
                </Labeled>
                <DateField source="created_at" showTime />
                <Typography component="h2" variant="h6" sx={{ mt: 2 }}>
                    {translate('cascade.webhooks.deliveries')}
                </Typography>
                <DeliveryLog />
            </SimpleShowLayout>
        </Show>
    );
};

export default WebhookShow;
