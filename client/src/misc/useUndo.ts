import { useState } from 'react';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useNotify, type HttpError, type RaRecord } from 'react-admin';
import type { UndoResult } from '../providers/dataProvider';
import { invalidateAfterLicenseMove } from '../subscriptions/licenseQueries';
import { useNotifyError } from './errorMessage';
import { newIdempotencyKey } from './undoWindow';

/**
 * An undo behind a confirm dialog: one Idempotency-Key per attempt (a new one after a refusal),
 * the licenses moved back refreshed everywhere, and how many came back told to the user.
 */
export const useUndo = <T extends RaRecord>(options: {
    run: (idempotencyKey: string) => Promise<UndoResult<T>>;
    doneMessage: string;
    onDone?: () => void;
}) => {
    const notify = useNotify();
    const notifyError = useNotifyError();
    const queryClient = useQueryClient();
    const [open, setOpen] = useState(false);
    const [key, setKey] = useState(newIdempotencyKey);
    const mutation = useMutation<UndoResult<T>, HttpError, void>({
        mutationFn: () => options.run(key),
        onSuccess: result => {
            setOpen(false);
            invalidateAfterLicenseMove(queryClient);
            notify(options.doneMessage, { type: 'success', messageArgs: { smart_count: result.returned } });
            options.onDone?.();
        },
        onError: error => {
            setOpen(false);
            setKey(newIdempotencyKey());
            invalidateAfterLicenseMove(queryClient); // a refusal means the record changed: show it as it is
            notifyError(error);
        },
    });
    return { open, setOpen, mutation };
};
