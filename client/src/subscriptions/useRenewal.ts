import { useEffect, useState } from 'react';
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useDataProvider, type HttpError, type Identifier } from 'react-admin';
import type {
    CascadeDataProvider,
    RenewParams,
    RenewResult,
    Subscription,
} from '../providers/dataProvider';

const newKey = () => crypto.randomUUID();

/** How long the typed years/seats must stay still before the quote is asked again. */
export const QUOTE_DEBOUNCE_MS = 300;

/**
 * The years and seats the dialog opens with: those scheduled for the next renewal, else those
 * of the shown term (within bounds).
 */
export const initialRenewParams = (subscription: Subscription): RenewParams => ({
    years: Math.max(1, Math.min(10, subscription.next_years ?? (subscription.years || 1))),
    seats: Math.max(1, subscription.next_seats ?? (subscription.seats || 1)),
});

/**
 * The last valid years/seats, once they have stayed still for QUOTE_DEBOUNCE_MS.
 * Invalid input (null) keeps the previous value, so the quote is only asked for
 * something the server would accept.
 */
const useSettledParams = (initial: RenewParams, wanted: RenewParams | null): RenewParams => {
    const [settled, setSettled] = useState(initial);
    const years = wanted?.years;
    const seats = wanted?.seats;
    useEffect(() => {
        if (years === undefined || seats === undefined) return;
        if (years === settled.years && seats === settled.seats) return;
        const timer = setTimeout(() => setSettled({ years, seats }), QUOTE_DEBOUNCE_MS);
        return () => clearTimeout(timer);
    }, [years, seats, settled]);
    return settled;
};

/**
 * The server side of the renew dialog: the quote (pool balance, manager name, the new
 * term's dates), asked again when the typed years/seats settle, and the renewal itself,
 * sent with one Idempotency-Key per opened dialog.
 * While a new quote loads the previous one stays (no flicker); `quotedParams` says
 * which years/seats the shown quote is for.
 */
export const useRenewal = (
    subscription: Subscription,
    wanted: RenewParams | null,
    onRenewed: (result: RenewResult) => void,
) => {
    const dataProvider = useDataProvider<CascadeDataProvider>();
    const queryClient = useQueryClient();
    // One key per opened dialog (the dialog is mounted when opened): a double
    // click or a network retry renews once. A final refusal (409, 400, 422) is
    // replayed by the server for the same key, so a new attempt gets a new key.
    const [idempotencyKey, setIdempotencyKey] = useState(newKey);

    const [initial] = useState(() => initialRenewParams(subscription));
    const params = useSettledParams(initial, wanted);
    const quote = useQuery({
        queryKey: ['subscriptions', 'renewalQuote', subscription.id, params],
        queryFn: async () => ({ ...(await dataProvider.renewalQuote(subscription.id, params)), params }),
        placeholderData: keepPreviousData,
        staleTime: 0,
        gcTime: 0,
        retry: false,
    });

    const mutation = useMutation<RenewResult, HttpError, RenewParams>({
        mutationFn: params => dataProvider.renew(subscription.id, params, idempotencyKey),
        onSuccess: result => {
            updateCachedSubscription(queryClient, subscription.id, result);
            for (const resource of ['clients', 'pools', 'movements', 'terms', 'dashboard', 'renewal_attempts', 'notifications']) {
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
