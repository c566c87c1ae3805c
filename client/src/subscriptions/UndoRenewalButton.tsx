import { useState, type MouseEvent } from 'react';
import { Button } from '@mui/material';
import UndoIcon from '@mui/icons-material/Undo';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import {
    Confirm,
    useDataProvider,
    useLocaleState,
    useNotify,
    useRecordContext,
    useTranslate,
    type HttpError,
} from 'react-admin';
import type { CascadeDataProvider, Subscription, UndoResult } from '../providers/dataProvider';
import { formatDateTime } from '../misc/dates';
import { useNotifyError } from '../misc/errorMessage';
import { newIdempotencyKey, useUndoWindow } from '../misc/undoWindow';
import { invalidateAfterLicenseMove } from './licenseQueries';

/**
 * "Annuler le renouvellement" while the subscription's undo window is open (`undo_until` in the
 * future); after a confirm, tells how many licenses went back to the pool.
 */
export const UndoRenewalButton = ({ clientName }: { clientName?: string }) => {
    const record = useRecordContext<Subscription>();
    const translate = useTranslate();
    const notify = useNotify();
    const notifyError = useNotifyError();
    const [locale] = useLocaleState();
    const dataProvider = useDataProvider<CascadeDataProvider>();
    const queryClient = useQueryClient();
    const [open, setOpen] = useState(false);
    const [key, setKey] = useState(newIdempotencyKey);
    const undoable = useUndoWindow(record?.undo_until);
    const mutation = useMutation<UndoResult<Subscription>, HttpError, void>({
        mutationFn: () => dataProvider.undoRenewal(record!.id, key),
        onSuccess: result => {
            setOpen(false);
            invalidateAfterLicenseMove(queryClient);
            notify('cascade.undo.renewal_done', { type: 'success', messageArgs: { smart_count: result.returned } });
        },
        onError: error => {
            setOpen(false);
            setKey(newIdempotencyKey());
            invalidateAfterLicenseMove(queryClient); // a refusal means the record changed: show it as it is
            notifyError(error);
        },
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
