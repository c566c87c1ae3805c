import { useState } from 'react';
import { Alert, Dialog, DialogContent, DialogTitle, Stack, TextField, Typography } from '@mui/material';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { useDataProvider, useLocaleState, useTranslate } from 'react-admin';
import type { CascadeDataProvider, SeatsResult, Subscription } from '../providers/dataProvider';
import { formatDate } from '../misc/dates';
import { errorMessage } from '../misc/errorMessage';
import { QUOTE_DEBOUNCE_MS, useDebounced } from '../misc/useDebounced';
import { LICENCE_QUERIES, useLicenseAction } from '../misc/useLicenseAction';
import { usePatchSubscriptionRows } from './renewedRows';
import { seatChangeState } from './seatChange';
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
    const [locale] = useLocaleState();
    const dataProvider = useDataProvider<CascadeDataProvider>();
    const patchRows = usePatchSubscriptionRows();
    const [input, setInput] = useState(String(subscription.seats));

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

    const change = useLicenseAction<SeatsResult, number>({
        action: (key, seats) => dataProvider.changeSeats(subscription.id, { seats }, key),
        refresh: [...LICENCE_QUERIES, ['subscriptions', 'seatsQuote', subscription.id]],
        success: result =>
            translate('cascade.seats.success', { seats: result.seats, cost: result.cost, remaining: result.remaining_after }),
        onDone: ({ cost: _cost, remaining_after: _remaining, ...record }) => {
            patchRows([record]);
            onClose();
        },
    });
    // The floor (DESIGN §7): never fewer seats than the active users last reported.
    const floor = subscription.active_users != null ? { active_users: subscription.active_users } : null;
    const belowFloor = !!floor && state.seats !== null && state.seats < floor.active_users;
    const canSubmit = state.blocker === null && !belowFloor && !change.pending && !quote.isFetching;

    const reason =
        state.blocker === 'seats'
            ? translate('cascade.seats.reason_seats')
            : belowFloor && !change.error
              ? translate('cascade.usage.floor', floor)
              : state.blocker === 'short' && state.quote && !change.error // a refusal says it itself
              ? translate('cascade.seats.reason_short', { manager, smart_count: -state.quote.remaining_after })
              : null;
    return (
        <Dialog open onClose={change.pending ? undefined : onClose} fullWidth maxWidth="xs">
            <form
                noValidate
                onSubmit={event => {
                    event.preventDefault();
                    if (canSubmit && state.seats !== null) change.run(state.seats);
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
                            onChange={event => {
                                change.reset();
                                setInput(event.target.value);
                            }}
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
                        {floor && !belowFloor ? (
                            <Typography variant="body2" color="text.secondary" data-testid="seats-floor">
                                {translate('cascade.usage.floor', floor)}
                            </Typography>
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
                        <ServerErrorAlert error={change.error} testId="seats-error" />
                    </Stack>
                </DialogContent>
                <DialogSubmitActions
                    onCancel={onClose}
                    pending={change.pending}
                    canSubmit={canSubmit}
                    cancelLabel="cascade.seats.cancel"
                    okLabel="cascade.seats.ok"
                />
            </form>
        </Dialog>
    );
};

export default SeatChangeDialog;
