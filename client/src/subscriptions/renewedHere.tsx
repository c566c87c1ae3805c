import type { ReactNode } from 'react';
import { RecordContextProvider, useRecordContext } from 'react-admin';
import type { Subscription } from '../providers/dataProvider';
import { statusRowSx } from '../status/rowSx';
import { TO_RENEW_STATUSES } from '../../../shared/contract';

/**
 * A row of "Clients à renouveler" whose status left the to-renew ones was renewed from this list
 * (single, bulk or by hand): it is shown as renewed, with its check, whatever the new term made of
 * its status (an expired one renewed from today is "active"), until the list is reloaded.
 */
export const shownInToRenew = <T extends Pick<Subscription, 'status'>>(record: T): T =>
    TO_RENEW_STATUSES.includes(record.status) ? record : { ...record, status: 'renewed' };

export const toRenewRowSx = (record: Record<string, unknown> | undefined) =>
    statusRowSx(record ? shownInToRenew(record as Subscription) : record);

/** Gives `children` the record as the to-renew list shows it (see shownInToRenew). */
export const ShownInToRenew = ({ children }: { children: ReactNode; label?: string }) => {
    const record = useRecordContext<Subscription>();
    if (!record) return null;
    return <RecordContextProvider value={shownInToRenew(record)}>{children}</RecordContextProvider>;
};
