import { useState } from 'react';
import { Button } from '@mui/material';
import AutorenewIcon from '@mui/icons-material/Autorenew';
import { useListContext, useTranslate } from 'react-admin';
import { BulkRenewDialog } from './BulkRenewDialog';

/** The to-renew list's bulk action: renew the selected subscriptions at once. */
export const BulkRenewButton = () => {
    const { selectedIds, onUnselectItems, refetch } = useListContext();
    const translate = useTranslate();
    const [ids, setIds] = useState<typeof selectedIds | null>(null);
    const close = (done: boolean) => {
        setIds(null);
        if (done) {
            onUnselectItems();
            refetch();
        }
    };
    return (
        <>
            <Button size="small" startIcon={<AutorenewIcon />} onClick={() => setIds([...selectedIds])}>
                {translate('cascade.bulk_renew.button')}
            </Button>
            {ids ? <BulkRenewDialog ids={ids} onClose={close} /> : null}
        </>
    );
};
