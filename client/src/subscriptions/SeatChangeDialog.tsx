import { useRef, useState } from 'react';
import { Alert, Dialog, DialogContent, DialogTitle, Stack, TextField, Typography } from '@mui/material';
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useDataProvider, useLocaleState, useNotify, useTranslate, type HttpError } from 'react-admin';
import type { CascadeDataProvider, SeatsResult, Subscription } from '../providers/dataProvider';
import { formatDate } from '../misc/dates';
import { errorMessage } from '../misc/errorMessage';
import { newIdempotencyKey } from '../misc/undoWindow';
import { useDebounced } from '../misc/useDebounced';
import { invalidateAfterLicenseMove } from './licenseQueries';
import { seatChangeState } from './seatChange';
import { QUOTE_DEBOUNCE_MS } from './useRenewal';
import { DialogSubmitActions } from '../misc/DialogSubmitActions';
import { ServerErrorAlert } from '../misc/ServerErrorAlert';

export interface SeatChangeDialogProps {
    subscription: Subscription;
    clientName: string;
    onClose: () => void;
}

/**
 * Seat change during the current term (DESIGN §2): the prorata cost comes from the server's
 * seats-quote as the user types (debounced); a reduction warns that nothing is refunded.
 */
export const SeatChangeDialog = ({ subscription, clientName, onClose }: SeatChangeDialogProps) => {
    const translate = useTranslate();
    const notify = useNotify();
    const [locale] = useLocaleState();
    const dataProvider = useDataProvider<CascadeDataProvider>();
    const queryClient = useQueryClient();
    const [input, setInput] = useState(String(subscription.seats));
    const [idempotencyKey, setIdempotencyKey] = useState(newIdempotencyKey);

    const typed = seatChangeState(input, subscription.seats, undefined).seats;
    const asked = useDebounced(typed, QUOTE_DEBOUNCE_MS);
    const quote = useQuery({
        queryKey: ['subscriptions', 'seatsQuote', subscription.id, asked],
        queryFn: () => dataProvider.seatsQuote(subscription.id, asked as number),
        enabled: asked !== null && asked !== subscription.seats,
        placeholderData: keepPreviousData,
        staleTime: 0,
        gcTime: 0,
        retry: false,
    });
    const state = seatChangeState(input, subscription.seats, quote.data);
    const manager = quote.data?.manager_name ?? '…';

    const mutation = useMutation<SeatsResult, HttpError, number>({
        mutationFn: seats => dataProvider.changeSeats(subscription.id, { seats }, idempotencyKey),
        onSuccess: result => {
            invalidateAfterLicenseMove(queryClient);
            notify('cascade.seats.success', {
                type: 'success',
                messageArgs: { seats: result.seats, cost: result.cost, remaining: result.remaining_after },
            });
            onClose();
        },
        onError: () => {
            setIdempotencyKey(newIdempotencyKey());
            quote.refetch();
        },
    });
    const canSubmit = state.blocker === null && !mutation.isPending && !quote.isFetching;
    const inFlight = useRef(false);
    const submit = () => {
        if (inFlight.current || !canSubmit || state.seats === null) return;
        inFlight.current = true;
        mutation.mutate(state.seats, { onSettled: () => (inFlight.current = false) });
    };

    const reason =
        state.blocker === 'seats'
            ? translate('cascade.seats.reason_seats')
            : state.blocker === 'short' && state.quote
              ? translate('cascade.seats.reason_short', { manager, missing: -state.quote.remaining_after })
              : null;
    return (
        <Dialog open onClose={mutation.isPending ? undefined : onClose} fullWidth maxWidth="xs">
            <form
                noValidate
                onSubmit={event => {
                    event.preventDefault();
                    submit();
                }}
            >
                <DialogTitle>{translate('cascade.seats.title', { client: clientName })}</DialogTitle>
                <DialogContent>
                    <Stack spacing={2} sx={{ pt: 1 }}>
                        <Typography variant="body2">
                            {translate('cascade.seats.current', {
                                seats: subscription.seats,
                                end: formatDate(subscription.end_date, locale),
                            })}
                        </Typography>
                        <TextField
                            label={translate('cascade.seats.seats')}
                            value={input}
                            onChange={event => setInput(event.target.value)}
                            type="number"
                            autoFocus
                            error={state.blocker === 'seats'}
                            slotProps={{ htmlInput: { min: 1, step: 1, inputMode: 'numeric' } }}
                            variant="outlined"
                        />
                        <TextField
                            label={translate('cascade.seats.balance', { manager })}
                            value={quote.data ? String(quote.data.balance) : ''}
                            slotProps={{ input: { readOnly: true }, htmlInput: { 'data-testid': 'seats-balance' } }}
                            variant="outlined"
                        />
                        <TextField
                            label={translate('cascade.seats.cost')}
                            value={state.quote ? String(state.quote.cost) : ''}
                            slotProps={{
                                input: { readOnly: true },
                                htmlInput: { 'data-testid': 'seats-cost', 'aria-live': 'polite' },
                            }}
                            variant="outlined"
                        />
                        <TextField
                            label={translate('cascade.seats.remaining')}
                            value={state.quote ? String(state.quote.remaining_after) : ''}
                            error={state.blocker === 'short'}
                            slotProps={{ input: { readOnly: true }, htmlInput: { 'data-testid': 'seats-remaining' } }}
                            variant="outlined"
                        />
                        {state.reduction ? (
                            <Alert severity="warning" data-testid="seats-no-refund">
                                {translate('cascade.seats.no_refund')}
                            </Alert>
                        ) : null}
                        {reason ? (
                            <Alert severity="warning" data-testid="seats-reason">
                                {reason}
                            </Alert>
                        ) : null}
                        {quote.isError ? (
                            <Alert severity="error" data-testid="seats-quote-error">
                                {translate('cascade.seats.quote_error', { message: errorMessage(quote.error, translate) })}
                            </Alert>
                        ) : null}
                        <ServerErrorAlert error={mutation.error} testId="seats-error" />
                    </Stack>
                </DialogContent>
                <DialogSubmitActions
                    onCancel={onClose}
                    pending={mutation.isPending}
                    canSubmit={canSubmit}
                    cancelLabel="cascade.seats.cancel"
                    okLabel="cascade.seats.ok"
                />
            </form>
        </Dialog>
    );
};

export default SeatChangeDialog;
