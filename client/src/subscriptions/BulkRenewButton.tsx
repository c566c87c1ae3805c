import { createContext, lazy, Suspense, useContext, useState, type ReactNode } from 'react';
import { Button } from '@mui/material';
import AutorenewIcon from '@mui/icons-material/Autorenew';
import { useListContext, useTranslate, useUnselectAll, type Identifier } from 'react-admin';

// the dialog's code arrives when it opens
const BulkRenewDialog = lazy(() => import('./BulkRenewDialog'));

const OpenBulkRenewal = createContext<((ids: Identifier[]) => void) | null>(null);

/**
 * Holds the bulk renewal dialog above the list. The list's bulk toolbar, where the button lives,
 * is re-created when the list reloads under it (the renewed rows leave it): a dialog kept there
 * could vanish with its results on screen.
 */
export const BulkRenewHost = ({ resource, storeKey, children }: { resource: string; storeKey: string; children: ReactNode }) => {
    const [ids, setIds] = useState<Identifier[] | null>(null);
    const unselectAll = useUnselectAll(resource, storeKey);
    const close = (done: boolean) => {
        setIds(null);
        // The dialog's renewal already refreshed the lists; the renewed rows are no longer selectable.
        if (done) unselectAll();
    };
    return (
        <OpenBulkRenewal.Provider value={setIds}>
            {children}
            {ids ? (
                <Suspense fallback={null}>
                    <BulkRenewDialog ids={ids} onClose={close} />
                </Suspense>
            ) : null}
        </OpenBulkRenewal.Provider>
    );
};

/** The to-renew list's bulk action: renew the selected subscriptions at once (inside a BulkRenewHost). */
export const BulkRenewButton = () => {
    const { selectedIds } = useListContext();
    const open = useContext(OpenBulkRenewal);
    const translate = useTranslate();
    if (!open) throw new Error('BulkRenewButton needs a BulkRenewHost above the list');
    return (
        <Button size="small" startIcon={<AutorenewIcon />} onClick={() => open([...selectedIds])}>
            {translate('cascade.bulk_renew.button')}
        </Button>
    );
};
