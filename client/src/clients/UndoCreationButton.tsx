import { useState } from 'react';
import { useDataProvider, useLocaleState, useRecordContext, useRedirect, useTranslate, type RaRecord } from 'react-admin';
import type { CascadeDataProvider, UndoResult } from '../providers/dataProvider';
import { formatDateTime } from '../misc/dates';
import { UndoConfirm } from '../misc/UndoConfirm';
import { LICENCE_QUERIES, useLicenseAction } from '../misc/useLicenseAction';
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
    const [open, setOpen] = useState(false);
    const undo = useLicenseAction<UndoResult, void>({
        action: key => dataProvider.undoClientCreation(record!.id, key),
        // the client's rows leave every list
        refresh: [['subscriptions'], ...LICENCE_QUERIES],
        success: result => translate('cascade.undo.creation_done', { smart_count: result.returned }),
        onDone: () => redirect('list', 'clients'),
    });
    if (!record || !undoable) return null;
    return (
        <UndoConfirm
            label="cascade.undo.creation"
            title={translate('cascade.undo.creation_title', { client: record.name ?? '' })}
            content={translate('cascade.undo.creation_content', { until: formatDateTime(record.undo_until, locale) })}
            undo={undo}
            open={open}
            setOpen={setOpen}
        />
    );
};
