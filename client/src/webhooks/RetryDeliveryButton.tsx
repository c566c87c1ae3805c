import { Button } from '@mui/material';
import ReplayIcon from '@mui/icons-material/Replay';
import { useMutation } from '@tanstack/react-query';
import { useDataProvider, useNotify, useRecordContext, useRefresh, useTranslate } from 'react-admin';
import type { CascadeDataProvider, WebhookDelivery } from '../providers/dataProvider';
import { errorMessage } from '../misc/errorMessage';

/** "Renvoyer": the delivery is sent again at once, whatever its state. */
export const RetryDeliveryButton = (_props: { label?: string }) => {
    const delivery = useRecordContext<WebhookDelivery>();
    const dataProvider = useDataProvider<CascadeDataProvider>();
    const translate = useTranslate();
    const notify = useNotify();
    const refresh = useRefresh();
    const retry = useMutation({
        mutationFn: (id: WebhookDelivery['id']) => dataProvider.retryWebhookDelivery(id),
        onSuccess: () => {
            notify('cascade.webhooks.retried', { type: 'info' });
            refresh();
        },
        onError: error => notify(errorMessage(error, translate) || 'ra.notification.http_error', { type: 'error' }),
    });
    if (!delivery) return null;
    return (
        <Button
            size="small"
            startIcon={<ReplayIcon />}
            disabled={retry.isPending}
            onClick={event => {
                event.stopPropagation();
                retry.mutate(delivery.id);
            }}
        >
            {translate('cascade.webhooks.retry')}
        </Button>
    );
};
