import { Button } from '@mui/material';
import UndoIcon from '@mui/icons-material/Undo';
import { Confirm, useDataProvider, useLocaleState, useRecordContext, useRedirect, useTranslate, type RaRecord } from 'react-admin';
import type { CascadeDataProvider } from '../providers/dataProvider';
import { formatDateTime } from '../misc/dates';
import { useUndo } from '../misc/useUndo';
import { useUndoWindow } from '../misc/undoWindow';

/**
 * "Annuler la création" of the client in context, while its undo window is open: the client
 * and its subscriptions go, their licenses go back to the pool; then back to the list.
 */
export const UndoCreationButton = () => {
    const record = useRecordContext<RaRecord & { name?: string; undo_until?: string | null }>();
    const translate = useTranslate();
    const redirect = useRedirect();
    const [locale] = useLocaleState();
    const dataProvider = useDataProvider<CascadeDataProvider>();
    const undoable = useUndoWindow(record?.undo_until);
    const { open, setOpen, mutation } = useUndo({
        run: key => dataProvider.undoClientCreation(record!.id, key),
        doneMessage: 'cascade.undo.creation_done',
        onDone: () => redirect('list', 'clients'),
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
