import type { MouseEvent } from 'react';
import { Button } from '@mui/material';
import UndoIcon from '@mui/icons-material/Undo';
import { Confirm, useDataProvider, useLocaleState, useRecordContext, useTranslate } from 'react-admin';
import type { CascadeDataProvider, Subscription } from '../providers/dataProvider';
import { formatDateTime } from '../misc/dates';
import { useUndo } from '../misc/useUndo';
import { useUndoWindow } from '../misc/undoWindow';

/**
 * "Annuler le renouvellement" while the subscription's undo window is open (`undo_until` in the
 * future); after a confirm, tells how many licenses went back to the pool.
 */
export const UndoRenewalButton = ({ clientName }: { clientName?: string }) => {
    const record = useRecordContext<Subscription>();
    const translate = useTranslate();
    const [locale] = useLocaleState();
    const dataProvider = useDataProvider<CascadeDataProvider>();
    const undoable = useUndoWindow(record?.undo_until);
    const { open, setOpen, mutation } = useUndo({
        run: key => dataProvider.undoRenewal(record!.id, key),
        doneMessage: 'cascade.undo.renewal_done',
    });
    if (!record || !undoable) return null;
    const stop = (event: MouseEvent) => event.stopPropagation(); // no row click
    return (
        <span onClick={stop}>
            <Button size="small" color="warning" startIcon={<UndoIcon />} onClick={() => setOpen(true)}>
                {translate('cascade.undo.renewal')}
            </Button>
            <Confirm
                isOpen={open}
                loading={mutation.isPending}
                title={translate('cascade.undo.renewal_title')}
                content={translate('cascade.undo.renewal_content', {
                    client: clientName ?? record.client_name ?? '',
                    until: formatDateTime(record.undo_until, locale),
                })}
                confirmColor="warning"
                onConfirm={() => mutation.mutate()}
                onClose={() => setOpen(false)}
            />
        </span>
    );
};
