import { useCallback } from 'react';
import { useQueryClient } from '@tanstack/react-query';
import type { Subscription } from '../providers/dataProvider';

type ListPage = { data?: Subscription[] } & Record<string, unknown>;

/**
 * Puts subscriptions as the server now has them into the cached list pages, in place: a renewed
 * (or un-renewed) row keeps its position in "Clients à renouveler" with its new status and undo
 * button until the list is reloaded, instead of vanishing from under the user.
 */
export const usePatchSubscriptionRows = () => {
    const queryClient = useQueryClient();
    return useCallback(
        (records: Subscription[]) => {
            const byId = new Map(records.map(record => [String(record.id), record]));
            queryClient.setQueriesData<ListPage>({ queryKey: ['subscriptions', 'getList'] }, page =>
                page?.data
                    ? { ...page, data: page.data.map(row => ({ ...row, ...byId.get(String(row.id)) })) }
                    : page,
            );
        },
        [queryClient],
    );
};
