import { useState } from 'react';
import { useDataProvider, useLocaleState, useRecordContext, useTranslate } from 'react-admin';
import type { CascadeDataProvider, Subscription, UndoResult } from '../providers/dataProvider';
import { formatDateTime } from '../misc/dates';
import { UndoConfirm } from '../misc/UndoConfirm';
import { useLicenseAction } from '../misc/useLicenseAction';
import { useUndoWindow } from '../misc/undoWindow';
import { usePatchSubscriptionRows } from './renewedRows';

/**
 * "Annuler le renouvellement" while the subscription's undo window is open (`undo_until` in the
 * future); after a confirm, tells how many licenses went back to the pool. The row stays in place,
 * back to its status before the renewal.
 */
export const UndoRenewalButton = ({ clientName }: { clientName?: string }) => {
    const record = useRecordContext<Subscription>();
    // most rows have no window: they need none of the machinery below (a list renders 25 rows)
    return record?.undo_until ? <UndoRenewal record={record} clientName={clientName} /> : null;
};

const UndoRenewal = ({ record, clientName }: { record: Subscription; clientName?: string }) => {
    const translate = useTranslate();
    const [locale] = useLocaleState();
    const dataProvider = useDataProvider<CascadeDataProvider>();
    const patchRows = usePatchSubscriptionRows();
    const undoable = useUndoWindow(record.undo_until);
    const [open, setOpen] = useState(false);
    const undo = useLicenseAction<UndoResult<Subscription>, void>({
        action: key => dataProvider.undoRenewal(record.id, key),
        refresh: 'licences',
        success: result => translate('cascade.undo.renewal_done', { smart_count: result.returned }),
        onDone: ({ returned: _returned, ...subscription }) => {
            setOpen(false);
            patchRows([subscription]);
        },
    });
    if (!undoable) return null;
    return (
        <UndoConfirm
            label="cascade.undo.renewal"
            title={translate('cascade.undo.renewal_title')}
            content={translate('cascade.undo.renewal_content', {
                client: clientName ?? record.client_name ?? '',
                until: formatDateTime(record.undo_until, locale),
            })}
            undo={undo}
            open={open}
            setOpen={setOpen}
            compact
        />
    );
};
