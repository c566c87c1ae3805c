import { useRef, useState } from 'react';
import {
    Alert,
    Dialog,
    DialogContent,
    DialogTitle,
    Stack,
    TextField,
    Typography,
} from '@mui/material';
import { useLocaleState, useNotify, useTranslate } from 'react-admin';
import type { RenewResult, Subscription } from '../providers/dataProvider';
import { formatDate } from '../misc/dates';
import { errorFields, errorMessage } from '../misc/errorMessage';
import { renewPreview } from './renewPreview';
import { initialRenewParams, useRenewal } from './useRenewal';
import { DialogSubmitActions } from '../misc/DialogSubmitActions';
import { ServerErrorAlert } from '../misc/ServerErrorAlert';

export interface RenewDialogProps {
    subscription: Subscription;
    clientName: string;
    onClose: () => void;
}

/** DESIGN §5: pool balance, years, seats, and the live remaining balance. Mounted when opened. */
export const RenewDialog = ({ subscription, clientName, onClose }: RenewDialogProps) => {
    const translate = useTranslate();
    const notify = useNotify();
    const [locale] = useLocaleState();
    const [years, setYears] = useState(() => String(initialRenewParams(subscription).years));
    const [seats, setSeats] = useState(() => String(initialRenewParams(subscription).seats));
    const onRenewed = (result: RenewResult) => {
        notify('cascade.renew.success', {
            type: 'success',
            messageArgs: { end: formatDate(result.end_date, locale), remaining: result.remaining_after },
        });
        onClose();
    };
    // The preview is local and live; the quote (balance, new term's dates) follows once the input settles.
    const typed = renewPreview(undefined, years, seats);
    const wanted = typed.years !== null && typed.seats !== null ? { years: typed.years, seats: typed.seats } : null;
    const { quote, mutation } = useRenewal(subscription, wanted, onRenewed);

    const manager = quote.data?.manager_name ?? '…';
    const client = quote.data?.client_name ?? clientName;
    const preview = renewPreview(quote.data?.balance, years, seats);
    const fieldErrors = mutation.error ? errorFields(mutation.error, translate) : {};
    // The new term's dates depend on the years only; dimmed while the quote for the typed years loads.
    const period =
        quote.data && preview.years !== null
            ? {
                  text: translate('cascade.renew.period', {
                      start: formatDate(quote.data.start_date, locale),
                      end: formatDate(quote.data.end_date, locale),
                  }),
                  current: quote.data.params.years === preview.years,
              }
            : null;
    const reason =
        preview.blocker === 'years'
            ? translate('cascade.renew.reason_years')
            : preview.blocker === 'seats'
              ? translate('cascade.renew.reason_seats')
              : preview.blocker === 'short'
                ? translate('cascade.renew.reason_short', { manager, missing: -(preview.remaining ?? 0) })
                : null;
    // Not disabled while a newer quote loads in the background: the preview is computed here.
    const canSubmit = preview.blocker === null && !mutation.isPending && !quote.isPending;

    // Guards against two submits landing before React re-renders the disabled button.
    const inFlight = useRef(false);
    const submit = () => {
        if (inFlight.current || !canSubmit || preview.years === null || preview.seats === null) return;
        inFlight.current = true;
        mutation.mutate(
            { years: preview.years, seats: preview.seats },
            { onSettled: () => (inFlight.current = false) },
        );
    };

    return (
        <Dialog open onClose={mutation.isPending ? undefined : onClose} fullWidth maxWidth="xs">
            <form
                noValidate
                onSubmit={event => {
                    event.preventDefault();
                    submit();
                }}
            >
                <DialogTitle>{translate('cascade.renew.title', { client })}</DialogTitle>
                <DialogContent>
                    <Stack spacing={2} sx={{ pt: 1 }}>
                        {quote.isError ? (
                            <Alert severity="error">
                                {translate('cascade.renew.quote_error', { message: errorMessage(quote.error, translate) })}
                            </Alert>
                        ) : null}
                        <TextField
                            label={translate('cascade.renew.balance', { manager })}
                            value={quote.data ? String(quote.data.balance) : ''}
                            placeholder={quote.isPending ? translate('cascade.renew.loading_quote') : undefined}
                            slotProps={{ input: { readOnly: true }, htmlInput: { 'data-testid': 'renew-balance' } }}
                            variant="outlined"
                        />
                        <TextField
                            label={translate('cascade.renew.years')}
                            value={years}
                            onChange={event => setYears(event.target.value)}
                            type="number"
                            autoFocus
                            error={preview.blocker === 'years' || !!fieldErrors.years}
                            helperText={fieldErrors.years}
                            slotProps={{ htmlInput: { min: 1, max: 10, step: 1, inputMode: 'numeric' } }}
                            variant="outlined"
                        />
                        <TextField
                            label={translate('cascade.renew.seats', { client })}
                            value={seats}
                            onChange={event => setSeats(event.target.value)}
                            type="number"
                            error={preview.blocker === 'seats' || !!fieldErrors.seats}
                            helperText={fieldErrors.seats}
                            slotProps={{ htmlInput: { min: 1, step: 1, inputMode: 'numeric' } }}
                            variant="outlined"
                        />
                        <TextField
                            label={translate('cascade.renew.remaining')}
                            value={preview.remaining === null ? '' : String(preview.remaining)}
                            error={preview.blocker === 'short'}
                            slotProps={{
                                input: { readOnly: true },
                                htmlInput: { 'data-testid': 'renew-remaining', 'aria-live': 'polite' },
                            }}
                            variant="outlined"
                        />
                        {period ? (
                            <Typography
                                variant="body2"
                                data-testid="renew-period"
                                aria-busy={!period.current}
                                sx={{ opacity: period.current ? 1 : 0.6, transition: 'opacity 150ms' }}
                            >
                                {period.text}
                            </Typography>
                        ) : null}
                        {preview.cost !== null ? (
                            <Typography variant="caption" color="text.secondary">
                                {translate('cascade.renew.cost', {
                                    seats: preview.seats,
                                    years: preview.years,
                                    cost: preview.cost,
                                })}
                            </Typography>
                        ) : null}
                        {reason ? (
                            <Alert severity="warning" data-testid="renew-reason">
                                {reason}
                            </Alert>
                        ) : null}
                        <ServerErrorAlert error={mutation.error} testId="renew-error">
                            {mutation.error?.status === 409 ? ` ${translate('cascade.renew.conflict_refreshed')}` : null}
                        </ServerErrorAlert>
                    </Stack>
                </DialogContent>
                <DialogSubmitActions
                    onCancel={onClose}
                    pending={mutation.isPending}
                    canSubmit={canSubmit}
                    cancelLabel="cascade.renew.cancel"
                    okLabel="cascade.renew.ok"
                />
            </form>
        </Dialog>
    );
};
