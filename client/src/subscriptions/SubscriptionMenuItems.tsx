import { useState } from 'react';
import { ListItemIcon, ListItemText, Menu, MenuItem } from '@mui/material';
import GroupAddIcon from '@mui/icons-material/GroupAdd';
import EventRepeatIcon from '@mui/icons-material/EventRepeat';
import HistoryIcon from '@mui/icons-material/History';
import DoNotDisturbIcon from '@mui/icons-material/DoNotDisturbOn';
import ReplayIcon from '@mui/icons-material/Replay';
import { useQueryClient } from '@tanstack/react-query';
import { Confirm, useNotify, useTranslate, useUpdate } from 'react-admin';
import type { Subscription } from '../providers/dataProvider';
import { useNotifyError } from '../misc/errorMessage';
import { RenewalHistoryDialog } from './RenewalHistoryDialog';
import { ScheduleDialog } from './ScheduleDialog';
import { SeatChangeDialog } from './SeatChangeDialog';

type Opened = 'seats' | 'schedule' | 'history' | 'cancel' | null;

/** No term runs today: a seat change has nothing to apply to. */
const hasCurrentTerm = (record: Subscription) => record.status !== 'expired' && record.status !== 'not_started';

/** The "⋮" menu of SubscriptionMenu, its dialogs and the update they share. */
const SubscriptionMenuItems = ({
    record,
    clientName,
    anchor,
    setAnchor,
}: {
    record: Subscription;
    clientName?: string;
    anchor: HTMLElement | null;
    setAnchor: (anchor: HTMLElement | null) => void;
}) => {
    const translate = useTranslate();
    const notify = useNotify();
    const notifyError = useNotifyError();
    const queryClient = useQueryClient();
    const [opened, setOpened] = useState<Opened>(null);
    const [update, { isPending }] = useUpdate<Subscription>();
    const client = clientName ?? record.client_name ?? '';
    const open = (what: Opened) => () => {
        setAnchor(null);
        setOpened(what);
    };
    const close = () => setOpened(null);
    const setCancelled = (cancelled: boolean) =>
        update(
            'subscriptions',
            { id: record.id, data: { cancelled }, previousData: record },
            {
                onSuccess: () => {
                    close();
                    notify(cancelled ? 'cascade.cancel.done' : 'cascade.cancel.resumed', { type: 'info' });
                    // leaves (or rejoins) the clients to renew, the dashboard's counts change
                    for (const resource of ['subscriptions', 'clients', 'dashboard']) {
                        queryClient.invalidateQueries({ queryKey: [resource] });
                    }
                },
                onError: error => notifyError(error),
            },
        );
    return (
        <>
            <Menu anchorEl={anchor} open={anchor !== null} onClose={() => setAnchor(null)}>
                <MenuItem onClick={open('seats')} disabled={!hasCurrentTerm(record)}>
                    <ListItemIcon>
                        <GroupAddIcon fontSize="small" />
                    </ListItemIcon>
                    <ListItemText>{translate('cascade.seats.button')}</ListItemText>
                </MenuItem>
                <MenuItem onClick={open('schedule')}>
                    <ListItemIcon>
                        <EventRepeatIcon fontSize="small" />
                    </ListItemIcon>
                    <ListItemText>{translate('cascade.schedule.button')}</ListItemText>
                </MenuItem>
                <MenuItem onClick={open('history')}>
                    <ListItemIcon>
                        <HistoryIcon fontSize="small" />
                    </ListItemIcon>
                    <ListItemText>{translate('cascade.history.button')}</ListItemText>
                </MenuItem>
                {record.cancelled ? (
                    <MenuItem onClick={() => setCancelled(false)} disabled={isPending}>
                        <ListItemIcon>
                            <ReplayIcon fontSize="small" />
                        </ListItemIcon>
                        <ListItemText>{translate('cascade.cancel.resume')}</ListItemText>
                    </MenuItem>
                ) : (
                    <MenuItem onClick={open('cancel')}>
                        <ListItemIcon>
                            <DoNotDisturbIcon fontSize="small" />
                        </ListItemIcon>
                        <ListItemText>{translate('cascade.cancel.button')}</ListItemText>
                    </MenuItem>
                )}
            </Menu>
            {opened === 'seats' ? <SeatChangeDialog subscription={record} clientName={client} onClose={close} /> : null}
            {opened === 'schedule' ? <ScheduleDialog subscription={record} onClose={close} /> : null}
            {opened === 'history' ? <RenewalHistoryDialog subscriptionId={record.id} onClose={close} /> : null}
            <Confirm
                isOpen={opened === 'cancel'}
                loading={isPending}
                title={translate('cascade.cancel.title')}
                content={translate('cascade.cancel.content', { client })}
                confirm="cascade.cancel.button"
                confirmColor="warning"
                onConfirm={() => setCancelled(true)}
                onClose={close}
            />
        </>
    );
};

export default SubscriptionMenuItems;
