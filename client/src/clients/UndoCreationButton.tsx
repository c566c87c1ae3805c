import { useState } from 'react';
import { Button } from '@mui/material';
import UndoIcon from '@mui/icons-material/Undo';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import {
    Confirm,
    useDataProvider,
    useLocaleState,
    useNotify,
    useRecordContext,
    useRedirect,
    useTranslate,
    type HttpError,
    type RaRecord,
} from 'react-admin';
import type { CascadeDataProvider, UndoResult } from '../providers/dataProvider';
import { formatDateTime } from '../misc/dates';
import { useNotifyError } from '../misc/errorMessage';
import { newIdempotencyKey, useUndoWindow } from '../misc/undoWindow';
import { invalidateAfterLicenseMove } from '../subscriptions/licenseQueries';

/**
 * "Annuler la création" of the client in context, while its undo window is open: the client
 * and its subscriptions go, their licenses go back to the pool; then back to the list.
 */
export const UndoCreationButton = () => {
    const record = useRecordContext<RaRecord & { name?: string; undo_until?: string | null }>();
    const translate = useTranslate();
    const notify = useNotify();
    const notifyError = useNotifyError();
    const redirect = useRedirect();
    const [locale] = useLocaleState();
    const dataProvider = useDataProvider<CascadeDataProvider>();
    const queryClient = useQueryClient();
    const [open, setOpen] = useState(false);
    const [key, setKey] = useState(newIdempotencyKey);
    const undoable = useUndoWindow(record?.undo_until);
    const mutation = useMutation<UndoResult, HttpError, void>({
        mutationFn: () => dataProvider.undoClientCreation(record!.id, key),
        onSuccess: result => {
            setOpen(false);
            invalidateAfterLicenseMove(queryClient);
            notify('cascade.undo.creation_done', { type: 'success', messageArgs: { smart_count: result.returned } });
            redirect('list', 'clients');
        },
        onError: error => {
            setOpen(false);
            setKey(newIdempotencyKey());
            queryClient.invalidateQueries({ queryKey: ['clients'] });
            notifyError(error);
        },
    });
    if (!record || !undoable) return null;
    return (
        <>
            <Button size="small" color="warning" startIcon={<UndoIcon />} onClick={() => setOpen(true)}>
                {translate('cascade.undo.creation')}
            </Button>
            <Confirm
                isOpen={open}
                loading={mutation.isPending}
                title={translate('cascade.undo.creation_title', { client: record.name ?? '' })}
                content={translate('cascade.undo.creation_content', { until: formatDateTime(record.undo_until, locale) })}
                confirmColor="warning"
                onConfirm={() => mutation.mutate()}
                onClose={() => setOpen(false)}
            />
        </>
    );
};
