import { Chip, Typography } from '@mui/material';
import { DataTable, Pagination, ReferenceManyField, TextField, useRecordContext, useTranslate } from 'react-admin';
import type { WebhookDelivery } from '../providers/dataProvider';
import { DateTimeField } from '../misc/DateTimeField';
import { RetryDeliveryButton } from './RetryDeliveryButton';
import { DELIVERY_COLOURS } from './webhookModel';

const DeliveryStatusField = (_props: { label?: string }) => {
    const delivery = useRecordContext<WebhookDelivery>();
    const translate = useTranslate();
    if (!delivery) return null;
    return <Chip size="small" color={DELIVERY_COLOURS[delivery.status]} label={translate(`cascade.webhooks.delivery_status.${delivery.status}`)} />;
};

const EventTypeField = (_props: { label?: string }) => {
    const delivery = useRecordContext<WebhookDelivery>();
    const translate = useTranslate();
    return delivery ? <span title={delivery.type}>{translate(`cascade.webhooks.events.${delivery.type}`, { _: delivery.type })}</span> : null;
};

const NoDelivery = () => {
    const translate = useTranslate();
    return <Typography sx={{ p: 2 }} color="text.secondary">{translate('cascade.webhooks.no_delivery')}</Typography>;
};

/** An endpoint's deliveries, newest first, each with "Renvoyer". */
export const DeliveryLog = () => (
    <ReferenceManyField
        reference="webhook_deliveries"
        target="webhook_id"
        sort={{ field: 'id', order: 'DESC' }}
        perPage={25}
        pagination={<Pagination rowsPerPageOptions={[25]} />}
        empty={<NoDelivery />}
    >
        <DataTable bulkActionButtons={false} rowClick={false} sx={{ overflowX: 'auto' }}>
            <DataTable.Col source="created_at">
                <DateTimeField source="created_at" />
            </DataTable.Col>
            <DataTable.Col source="type">
                <EventTypeField />
            </DataTable.Col>
            <DataTable.Col source="status">
                <DeliveryStatusField />
            </DataTable.Col>
            <DataTable.NumberCol source="attempts" />
            <DataTable.Col source="last_status_code">
                <TextField source="last_status_code" emptyText="—" />
            </DataTable.Col>
            <DataTable.Col source="next_attempt_at">
                <DateTimeField source="next_attempt_at" />
            </DataTable.Col>
            <DataTable.Col>
                <RetryDeliveryButton />
            </DataTable.Col>
        </DataTable>
    </ReferenceManyField>
);
