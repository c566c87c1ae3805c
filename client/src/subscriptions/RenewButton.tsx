import { lazy, Suspense, useState, type MouseEvent } from 'react';
import { Button } from '@mui/material';
import AutorenewIcon from '@mui/icons-material/Autorenew';
import { useRecordContext, useTranslate } from 'react-admin';
import type { Subscription } from '../providers/dataProvider';

// the dialog's code arrives at the first tap: a list of 25 rows need not carry it
const RenewDialog = lazy(() => import('./RenewDialog'));

/**
 * "Renouveler" for the subscription in the record context; owns the dialog's open state.
 * Also shown for a cancelled subscription: renewing it clears "ne pas renouveler" (server side).
 */
export const RenewButton = () => {
    const record = useRecordContext<Subscription>();
    const translate = useTranslate();
    const [open, setOpen] = useState(false);
    if (!record) return null;
    const handleOpen = (event: MouseEvent) => {
        event.stopPropagation(); // no row click
        setOpen(true);
    };
    return (
        <>
            <Button size="small" variant="outlined" startIcon={<AutorenewIcon />} onClick={handleOpen}>
                {translate('cascade.renew.button')}
            </Button>
            {open ? (
                <span onClick={event => event.stopPropagation()}>
                    <Suspense fallback={null}>
                        <RenewDialog subscription={record} onClose={() => setOpen(false)} />
                    </Suspense>
                </span>
            ) : null}
        </>
    );
};
