import { useEffect, useState } from 'react';
import {
    Alert,
    Checkbox,
    Dialog,
    DialogContent,
    DialogTitle,
    FormControlLabel,
    Stack,
    TextField,
    Typography,
    useMediaQuery,
    type Theme,
} from '@mui/material';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { useDataProvider, useLocaleState, useTranslate } from 'react-admin';
import type { CascadeDataProvider, RenewParams, RenewResult, Subscription } from '../providers/dataProvider';
import { formatDate } from '../misc/dates';
import { errorMessage } from '../misc/errorMessage';
import { DialogSubmitActions } from '../misc/DialogSubmitActions';
import { ServerErrorAlert } from '../misc/ServerErrorAlert';
import { LICENCE_QUERIES, useLicenseAction } from '../misc/useLicenseAction';
import { QUOTE_DEBOUNCE_MS, useDebounced } from '../misc/useDebounced';
import { SEATS, YEARS } from '../../../shared/contract';
import { renewPreview } from './renewPreview';
import { usePatchSubscriptionRows } from './renewedRows';
import { useShortProductName } from './useShortProductName';

export interface RenewDialogProps {
    subscription: Subscription;
    onClose: () => void;
}

const BOUNDS = { years: YEARS, seats: SEATS } as const;

const sameParams = (a: RenewParams | null, b: RenewParams | null) =>
    !!a && !!b && a.years === b.years && a.seats === b.seats;

/**
 * The server's quote for the typed years/seats, asked again once they settle. The first quote,
 * without years/seats, gives the dialog's defaults (the latest term's, not the shown one's). While a
 * newer quote loads the previous one stays (no flicker).
 */
const useRenewalQuote = (id: Subscription['id'], typed: RenewParams | null) => {
    const dataProvider = useDataProvider<CascadeDataProvider>();
    const [defaults, setDefaults] = useState<RenewParams | null>(null);
    const settled = useDebounced(typed ? `${typed.years}:${typed.seats}` : null, QUOTE_DEBOUNCE_MS);
    const [years, seats] = (settled ?? '').split(':').map(Number);
    const asked = settled && defaults && !sameParams({ years, seats }, defaults) ? { years, seats } : null;
    const queryKey = ['subscriptions', 'renewalQuote', id, asked];
    const quote = useQuery({
        queryKey,
        queryFn: () => dataProvider.renewalQuote(id, asked ?? {}),
        placeholderData: keepPreviousData,
        staleTime: 0,
        gcTime: 0,
        retry: false,
    });
    useEffect(() => {
        if (!defaults && quote.data) setDefaults({ years: quote.data.years, seats: quote.data.seats });
    }, [defaults, quote.data]);
    return { quote, defaults, queryKey };
};

/**
 * "Renouveler TBox — Librairie Blanc" (DESIGN §5): years and seats start from the server's quote; its
 * cost, remaining balance and new period are shown (the local preview only while a quote loads); a
 * subscription already renewed asks for an explicit confirmation. Mounted when opened.
 */
export const RenewDialog = ({ subscription, onClose }: RenewDialogProps) => {
    const translate = useTranslate();
    const [locale] = useLocaleState();
    const dataProvider = useDataProvider<CascadeDataProvider>();
    const patchRows = usePatchSubscriptionRows();
    const shortName = useShortProductName();
    const fullScreen = useMediaQuery<Theme>(theme => theme.breakpoints.down('sm'));
    const [input, setInput] = useState<{ years: string; seats: string } | null>(null);
    const [confirmed, setConfirmed] = useState(false);

    const local = renewPreview(undefined, input?.years, input?.seats);
    const typed = local.years !== null && local.seats !== null ? { years: local.years, seats: local.seats } : null;
    const { quote, defaults, queryKey } = useRenewalQuote(subscription.id, typed);
    useEffect(() => {
        if (defaults && !input) setInput({ years: String(defaults.years), seats: String(defaults.seats) });
    }, [defaults, input]);

    const renewal = useLicenseAction<RenewResult, RenewParams>({
        action: (key, params) => dataProvider.renew(subscription.id, params, key),
        refresh: [...LICENCE_QUERIES, queryKey.slice(0, 3)],
        success: result =>
            translate('cascade.renew.success', {
                end: formatDate(result.term.end_date, locale),
                remaining: result.remaining_after,
            }),
        onDone: ({ remaining_after: _remaining, term: _term, ...record }) => {
            patchRows([record]);
            onClose();
        },
    });

    const data = quote.data;
    // The quote's figures once it is for exactly the typed values; the local preview meanwhile.
    const current = data && typed && sameParams(typed, data) ? data : null;
    const preview = renewPreview(data?.balance, input?.years, input?.seats);
    const cost = current?.cost ?? preview.cost;
    const remaining = current?.remaining_after ?? preview.remaining;
    const manager = data?.manager_name ?? '…';
    const client = data?.client_name ?? subscription.client_name ?? '';
    const product = shortName(data?.product_name);
    const short = remaining !== null && remaining < 0;
    // The floor (DESIGN §7): never fewer seats than the active users last reported.
    const floor = data?.active_users != null ? { active_users: data.active_users } : null;
    const belowFloor = !!floor && typed !== null && typed.seats < floor.active_users;
    const reason = !input
        ? null
        : preview.blocker === 'years'
            ? translate('cascade.renew.reason_years')
            : preview.blocker === 'seats'
              ? translate('cascade.renew.reason_seats')
              : belowFloor && !renewal.error
                ? translate('cascade.usage.floor', floor)
                : short && !renewal.error // after a refusal, its own message says it
                ? translate('cascade.renew.reason_short', { manager, smart_count: -(remaining ?? 0) })
                : null;
    const needsConfirmation = !!data?.already_renewed && !confirmed;
    const canSubmit =
        typed !== null && reason === null && preview.blocker === null && !needsConfirmation && !renewal.pending;

    return (
        <Dialog open onClose={renewal.pending ? undefined : onClose} fullWidth maxWidth="xs" fullScreen={fullScreen}>
            <form
                noValidate
                onSubmit={event => {
                    event.preventDefault();
                    if (canSubmit && typed) renewal.run(typed);
                }}
            >
                <DialogTitle>
                    {data ? translate('cascade.renew.title', { product, client }) : translate('cascade.renew.button')}
                </DialogTitle>
                <DialogContent>
                    <Stack spacing={2} sx={{ pt: 1 }}>
                        {quote.isError ? (
                            <Alert severity="error">
                                {translate('cascade.renew.quote_error', { message: errorMessage(quote.error, translate) })}
                            </Alert>
                        ) : null}
                        {data?.already_renewed ? (
                            <Alert severity="warning" data-testid="renew-already">
                                {translate('cascade.renew.already', { end: formatDate(data.latest_end_date, locale) })}
                                <FormControlLabel
                                    sx={{ display: 'flex', mt: 1 }}
                                    control={
                                        <Checkbox checked={confirmed} onChange={event => setConfirmed(event.target.checked)} />
                                    }
                                    label={translate('cascade.renew.confirm_again')}
                                />
                            </Alert>
                        ) : null}
                        {input ? (
                            <Stack direction="row" spacing={2}>
                                {(['years', 'seats'] as const).map(name => (
                                    <TextField
                                        key={name}
                                        label={translate(`cascade.renew.${name}`)}
                                        value={input[name]}
                                        onChange={event => {
                                            renewal.reset();
                                            setInput({ ...input, [name]: event.target.value });
                                        }}
                                        type="number"
                                        autoFocus={name === 'years'}
                                        error={preview.blocker === name}
                                        slotProps={{ htmlInput: { ...BOUNDS[name], step: 1, inputMode: 'numeric' } }}
                                        fullWidth
                                    />
                                ))}
                            </Stack>
                        ) : (
                            <Typography variant="body2" color="text.secondary">
                                {translate('cascade.renew.loading_quote')}
                            </Typography>
                        )}
                        {floor && !belowFloor ? (
                            <Typography variant="body2" color="text.secondary" data-testid="renew-floor">
                                {translate('cascade.usage.floor', floor)}
                            </Typography>
                        ) : null}
                        {data ? (
                            <Stack
                                spacing={0.5}
                                aria-busy={!current}
                                aria-live="polite"
                                sx={{ opacity: current ? 1 : 0.6, transition: 'opacity 150ms' }}
                            >
                                <Typography variant="body2" data-testid="renew-balance">
                                    {translate('cascade.renew.balance', { manager, balance: data.balance })}
                                </Typography>
                                {cost !== null ? (
                                    <Typography variant="body2" data-testid="renew-cost">
                                        {translate('cascade.renew.cost', { seats: typed?.seats, years: typed?.years, smart_count: cost })}
                                    </Typography>
                                ) : null}
                                {remaining !== null ? (
                                    <Typography
                                        variant="body2"
                                        data-testid="renew-remaining"
                                        sx={short ? { color: 'error.main', fontWeight: 600 } : undefined}
                                    >
                                        {translate('cascade.renew.remaining', { remaining })}
                                    </Typography>
                                ) : null}
                                {typed ? (
                                    <Typography variant="body2" data-testid="renew-period">
                                        {translate('cascade.renew.period', {
                                            start: formatDate(data.start_date, locale),
                                            end: formatDate(data.end_date, locale),
                                        })}
                                    </Typography>
                                ) : null}
                            </Stack>
                        ) : null}
                        {reason ? (
                            <Alert severity="warning" data-testid="renew-reason">
                                {reason}
                            </Alert>
                        ) : null}
                        <ServerErrorAlert error={renewal.error} testId="renew-error" />
                    </Stack>
                </DialogContent>
                <DialogSubmitActions
                    onCancel={onClose}
                    pending={renewal.pending}
                    canSubmit={canSubmit}
                    cancelLabel="cascade.renew.cancel"
                    okLabel="cascade.renew.ok"
                />
            </form>
        </Dialog>
    );
};

export default RenewDialog;
