import { useCallback, useRef, useState } from 'react';
import { useQueryClient, type QueryClient, type QueryKey } from '@tanstack/react-query';
import { useNotify, type HttpError } from 'react-admin';

/**
 * Every view a licence move (renewal, seat change, allocation, undo…) can change. The list pages of
 * subscriptions are not refetched: a renewed row must keep its place in "Clients à renouveler" until
 * the list is reloaded, so callers patch those rows with `patchSubscriptionRows` instead.
 */
export const LICENCE_QUERIES: QueryKey[] = [
    ['subscriptions', 'getOne'],
    ['subscriptions', 'getMany'],
    ['subscriptions', 'getManyReference'],
    ['clients'],
    ['pools'],
    ['movements'],
    ['terms'],
    ['dashboard'],
    ['forecast'],
    ['renewal_attempts'],
    ['notifications'],
];

export interface LicenseActionOptions<T, A> {
    /** Sends the action with this intent's Idempotency-Key. */
    action: (idempotencyKey: string, args: A) => Promise<T>;
    /** The react-query keys to refetch once the action is done (or refused); 'licences' = LICENCE_QUERIES. */
    refresh: QueryKey[] | 'licences';
    /** The success notification (already translated), or null for none. */
    success: (result: T, args: A) => string | null;
    /** Called after the refresh and the notification, e.g. to close the dialog or patch cached rows. */
    onDone?: (result: T, args: A) => void;
}

export interface LicenseAction<T, A> {
    /** Sends the action; ignored while one is in flight (a double click acts once). */
    run: (args: A) => Promise<T | undefined>;
    pending: boolean;
    /** The last refusal or failure, for the dialog to show once (`<ServerErrorAlert>`); null after a success. */
    error: HttpError | null;
    reset: () => void;
}

/** No answer from the server (offline, timeout, 5xx proxy page): the same intent may have landed. */
const isNetworkFailure = (error: unknown) => {
    const status = (error as { status?: unknown } | null)?.status;
    return typeof status !== 'number' || status === 0 || status >= 500;
};

const refreshAll = (queryClient: QueryClient, refresh: QueryKey[] | 'licences') => {
    for (const queryKey of refresh === 'licences' ? LICENCE_QUERIES : refresh) {
        queryClient.invalidateQueries({ queryKey });
    }
};

/**
 * The one way the console moves licences: one Idempotency-Key per user intent, kept when the same
 * submit is retried after a network failure (the first attempt may have been applied) and replaced
 * after an answer (the server replays a refusal for its key, and new values need a new key); then
 * the given queries refetched and the success notified. A refusal is not notified: the dialog shows
 * `error`, once.
 *
 *     const { run, pending, error } = useLicenseAction({
 *         action: (key, seats: number) => dataProvider.changeSeats(id, { seats }, key),
 *         refresh: 'licences',
 *         success: result => translate('cascade.seats.success', { seats: result.seats }),
 *         onDone: onClose,
 *     });
 */
export const useLicenseAction = <T, A = void>(options: LicenseActionOptions<T, A>): LicenseAction<T, A> => {
    const queryClient = useQueryClient();
    const notify = useNotify();
    const [pending, setPending] = useState(false);
    const [error, setError] = useState<HttpError | null>(null);
    const inFlight = useRef(false);
    // The intent whose answer never came: its key goes again with the same values.
    const unanswered = useRef<{ key: string; args: string } | null>(null);
    const latest = useRef(options);
    latest.current = options;

    const run = useCallback(
        async (args: A) => {
            if (inFlight.current) return undefined;
            inFlight.current = true;
            setPending(true);
            const argsText = JSON.stringify(args ?? null);
            const key =
                unanswered.current?.args === argsText ? unanswered.current.key : crypto.randomUUID();
            const { action, refresh, success, onDone } = latest.current;
            try {
                const result = await action(key, args);
                unanswered.current = null;
                setError(null);
                refreshAll(queryClient, refresh);
                const message = success(result, args);
                if (message) notify(message, { type: 'success', messageArgs: { _: message } });
                onDone?.(result, args);
                return result;
            } catch (failure) {
                unanswered.current = isNetworkFailure(failure) ? { key, args: argsText } : null;
                setError(failure as HttpError);
                // a refusal means the records changed under the user: show them as they are
                refreshAll(queryClient, refresh);
                return undefined;
            } finally {
                inFlight.current = false;
                setPending(false);
            }
        },
        [queryClient, notify],
    );
    const reset = useCallback(() => setError(null), []);
    return { run, pending, error, reset };
};
