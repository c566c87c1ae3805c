import { lazy, Suspense, useState, type MouseEvent } from 'react';
import { IconButton } from '@mui/material';
import MoreVertIcon from '@mui/icons-material/MoreVert';
import { useRecordContext, useTranslate } from 'react-admin';
import type { Subscription } from '../providers/dataProvider';

// its code (the menu, three dialogs, a confirm) too: it arrives at the first tap
const SubscriptionMenuItems = lazy(() => import('./SubscriptionMenuItems'));

/**
 * The less frequent actions on a subscription, behind "⋮": seat change during the term,
 * a change scheduled for the next renewal, the renewal history, "Ne pas renouveler".
 * A list renders it on each of its 25 rows: the menu, its dialogs and the update they share are
 * mounted at the first tap only (and stay, so the menu closes with its animation).
 */
export const SubscriptionMenu = ({ clientName }: { clientName?: string }) => {
    const record = useRecordContext<Subscription>();
    const translate = useTranslate();
    const [anchor, setAnchor] = useState<HTMLElement | null>(null);
    const [used, setUsed] = useState(false);
    if (!record) return null;
    return (
        <span onClick={(event: MouseEvent) => event.stopPropagation()}>
            <IconButton
                size="small"
                aria-label={translate('cascade.subscription_menu.label')}
                aria-haspopup="menu"
                onClick={event => {
                    setAnchor(event.currentTarget);
                    setUsed(true);
                }}
            >
                <MoreVertIcon fontSize="small" />
            </IconButton>
            {used ? (
                <Suspense fallback={null}>
                    <SubscriptionMenuItems record={record} clientName={clientName} anchor={anchor} setAnchor={setAnchor} />
                </Suspense>
            ) : null}
        </span>
    );
};
