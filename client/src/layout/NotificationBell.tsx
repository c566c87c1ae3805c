import { lazy, Suspense, useState } from 'react';
import { Badge, CircularProgress, IconButton, Popover, Tooltip } from '@mui/material';
import NotificationsIcon from '@mui/icons-material/Notifications';
import { useGetIdentity, useGetList, useTranslate } from 'react-admin';
import type { CascadeIdentity } from '../providers/authProvider';

// The list opens on demand: only the count is part of the first download.
const NotificationList = lazy(() => import('./NotificationList'));

/** Polling period of the unread count (the list's actions refetch it at once). */
export const UNREAD_REFETCH_MS = 60_000;

/** The bell: unread reminders of the login (Content-Range total of read=false), and their list. */
export const NotificationBell = () => {
    const translate = useTranslate();
    const [anchor, setAnchor] = useState<HTMLElement | null>(null);
    const { identity } = useGetIdentity();
    // A login that must first set up two-factor authentication can reach nothing else.
    const enabled = !(identity as CascadeIdentity | undefined)?.totp_required;
    const { total } = useGetList(
        'notifications',
        { filter: { read: false }, pagination: { page: 1, perPage: 1 }, sort: { field: 'id', order: 'DESC' } },
        { enabled, refetchInterval: UNREAD_REFETCH_MS, refetchOnWindowFocus: true },
    );
    const unread = total ?? 0;
    const label = translate('cascade.notifications.unread', { smart_count: unread });
    return (
        <>
            <Tooltip title={translate('cascade.notifications.bell')}>
                <IconButton
                    color="inherit"
                    aria-label={`${translate('cascade.notifications.bell')} : ${label}`}
                    aria-haspopup="dialog"
                    onClick={event => setAnchor(event.currentTarget)}
                >
                    <Badge badgeContent={unread} color="error" max={99} data-testid="unread-count">
                        <NotificationsIcon />
                    </Badge>
                </IconButton>
            </Tooltip>
            <Popover
                open={anchor !== null}
                anchorEl={anchor}
                onClose={() => setAnchor(null)}
                anchorOrigin={{ vertical: 'bottom', horizontal: 'right' }}
                transformOrigin={{ vertical: 'top', horizontal: 'right' }}
            >
                <Suspense fallback={<CircularProgress size={24} sx={{ m: 2 }} />}>
                    {anchor ? <NotificationList unread={unread} onDone={() => setAnchor(null)} /> : null}
                </Suspense>
            </Popover>
        </>
    );
};
