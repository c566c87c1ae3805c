import { Box, Button, Divider, List, ListItemButton, ListItemText, Typography } from '@mui/material';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useNavigate } from 'react-router';
import { useDataProvider, useGetList, useLocaleState, useTranslate } from 'react-admin';
import type { CascadeDataProvider, Notification } from '../providers/dataProvider';
import { formatDateTime } from '../misc/dates';
import { useNotifyError } from '../misc/errorMessage';

/**
 * The bell's list: latest reminders first, unread in bold; a click marks it read and opens
 * its client; "Tout marquer comme lu". Both refetch the unread count at once.
 */
export const NotificationList = ({ unread, onDone }: { unread: number; onDone: () => void }) => {
    const translate = useTranslate();
    const notifyError = useNotifyError();
    const navigate = useNavigate();
    const [locale] = useLocaleState();
    const dataProvider = useDataProvider<CascadeDataProvider>();
    const queryClient = useQueryClient();
    const { data, isPending, error } = useGetList<Notification>('notifications', {
        pagination: { page: 1, perPage: 20 },
        sort: { field: 'id', order: 'DESC' },
    });
    const refetchAll = () => queryClient.invalidateQueries({ queryKey: ['notifications'] });
    const onError = (failure: unknown) =>
        notifyError(failure);
    const markRead = useMutation({
        mutationFn: (notification: Notification) =>
            notification.read ? Promise.resolve(notification) : dataProvider.markNotificationRead(notification.id),
        onSettled: refetchAll,
        onError,
    });
    const markAll = useMutation({
        mutationFn: () => dataProvider.markAllNotificationsRead(),
        onSettled: refetchAll,
        onError,
    });
    const open = (notification: Notification) => {
        markRead.mutate(notification);
        onDone();
        if (notification.client_id != null) navigate(`/clients/${notification.client_id}/show`);
        // A pool short for its auto-renewals: the dashboard's forecast, whose "Commander" orders the difference.
        else if (notification.kind === 'pool_short') navigate('/');
    };
    return (
        <Box sx={{ width: 380, maxWidth: '100vw' }} role="dialog" aria-label={translate('cascade.notifications.bell')}>
            <Box sx={{ display: 'flex', alignItems: 'center', px: 2, py: 1 }}>
                <Typography variant="subtitle1" sx={{ flex: 1 }}>
                    {translate('cascade.notifications.bell')}
                </Typography>
                <Button size="small" disabled={unread === 0 || markAll.isPending} onClick={() => markAll.mutate()}>
                    {translate('cascade.notifications.mark_all')}
                </Button>
            </Box>
            <Divider />
            {error ? (
                <Typography sx={{ p: 2 }} color="error">
                    {translate('cascade.notifications.error')}
                </Typography>
            ) : !isPending && (data ?? []).length === 0 ? (
                <Typography sx={{ p: 2 }} color="text.secondary">
                    {translate('cascade.notifications.empty')}
                </Typography>
            ) : (
                <List dense sx={{ maxHeight: 420, overflow: 'auto' }}>
                    {(data ?? []).map(notification => (
                        <ListItemButton
                            key={notification.id}
                            onClick={() => open(notification)}
                            data-testid="notification"
                            data-read={notification.read ? 'true' : 'false'}
                        >
                            <ListItemText
                                primary={notification.message}
                                secondary={formatDateTime(notification.created_at, locale)}
                                slotProps={{ primary: { sx: { fontWeight: notification.read ? 400 : 600 } } }}
                            />
                        </ListItemButton>
                    ))}
                </List>
            )}
        </Box>
    );
};

export default NotificationList;
