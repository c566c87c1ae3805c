import { useState } from 'react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useDataProvider, type HttpError, type Identifier } from 'react-admin';
import type {
    CascadeDataProvider,
    RenewParams,
    RenewResult,
    Subscription,
} from '../providers/dataProvider';

const newKey = () => crypto.randomUUID();

/**
 * The server side of the renew dialog: the quote (pool balance, manager name)
 * and the renewal itself, sent with one Idempotency-Key per opened dialog.
 */
export const useRenewal = (subscription: Subscription, onRenewed: (result: RenewResult) => void) => {
    const dataProvider = useDataProvider<CascadeDataProvider>();
    const queryClient = useQueryClient();
    // One key per opened dialog (the dialog is mounted when opened): a double
    // click or a network retry renews once. A final refusal (409, 400, 422) is
    // replayed by the server for the same key, so a new attempt gets a new key.
    const [idempotencyKey, setIdempotencyKey] = useState(newKey);

    const quote = useQuery({
        queryKey: ['subscriptions', 'renewalQuote', subscription.id],
        queryFn: () =>
            dataProvider.renewalQuote(subscription.id, {
                years: Math.max(1, Math.min(10, subscription.years || 1)),
                seats: Math.max(1, subscription.seats || 1),
            }),
        staleTime: 0,
        gcTime: 0,
        retry: false,
    });

    const mutation = useMutation<RenewResult, HttpError, RenewParams>({
        mutationFn: params => dataProvider.renew(subscription.id, params, idempotencyKey),
        onSuccess: result => {
            updateCachedSubscription(queryClient, subscription.id, result);
            for (const resource of ['clients', 'pools', 'movements', 'terms', 'dashboard']) {
                queryClient.invalidateQueries({ queryKey: [resource] });
            }
            onRenewed(result);
        },
        onError: error => {
            setIdempotencyKey(newKey());
            if (error?.status === 409) quote.refetch();
        },
    });

    return { quote, mutation, idempotencyKey };
};

type ListPage = { data?: Subscription[] } & Record<string, unknown>;

/**
 * Put the renewed subscription into the cached lists and record, so its row turns
 * green-check at once (the to-renew list keeps it until the next visit).
 */
const updateCachedSubscription = (
    queryClient: ReturnType<typeof useQueryClient>,
    id: Identifier,
    result: RenewResult,
) => {
    const { remaining_after: _ignored, ...record } = result;
    queryClient.setQueriesData<ListPage>({ queryKey: ['subscriptions', 'getList'] }, page =>
        page?.data
            ? { ...page, data: page.data.map(row => (row.id === id ? { ...row, ...record } : row)) }
            : page,
    );
    queryClient.setQueriesData<Subscription>({ queryKey: ['subscriptions', 'getOne', { id: String(id) }] }, old =>
        old ? { ...old, ...record } : old,
    );
    queryClient.invalidateQueries({ queryKey: ['subscriptions', 'getManyReference'] });
};
