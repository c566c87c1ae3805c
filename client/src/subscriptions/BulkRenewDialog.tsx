import { useRef, useState } from 'react';
import {
    Alert,
    Button,
    Dialog,
    DialogActions,
    DialogContent,
    DialogTitle,
    List,
    ListItem,
    ListItemIcon,
    ListItemText,
    Stack,
    Table,
    TableBody,
    TableCell,
    TableHead,
    TableRow,
    TextField,
    Typography,
} from '@mui/material';
import CheckCircleIcon from '@mui/icons-material/CheckCircle';
import ErrorIcon from '@mui/icons-material/Error';
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import {
    ReferenceField,
    useDataProvider,
    useLocaleState,
    useTranslate,
    type HttpError,
    type Identifier,
} from 'react-admin';
import type { BulkRenewResult, CascadeDataProvider } from '../providers/dataProvider';
import { formatDate } from '../misc/dates';
import { errorMessage } from '../misc/errorMessage';
import { useDebounced } from '../misc/useDebounced';
import { bulkFailureReason, isRenewed } from './bulkRenewal';
import { invalidateAfterLicenseMove } from './licenseQueries';
import { parseWhole } from './renewPreview';
import { QUOTE_DEBOUNCE_MS } from './useRenewal';
import { YEARS } from '../../../shared/contract';

export interface BulkRenewDialogProps {
    ids: Identifier[];
    onClose: (done: boolean) => void;
}

/**
 * Bulk renewal from "Clients à renouveler": choose the years, see the cost against each pool
 * (balance, cost, remaining; short pools in red), confirm; then each renewal's result, a
 * failure with its reason. Each renewal is its own transaction on the server.
 */
export const BulkRenewDialog = ({ ids, onClose }: BulkRenewDialogProps) => {
    const translate = useTranslate();
    const [locale] = useLocaleState();
    const dataProvider = useDataProvider<CascadeDataProvider>();
    const queryClient = useQueryClient();
    const [input, setInput] = useState('1');
    const parsed = parseWhole(input);
    const years = parsed !== null && parsed >= YEARS.min && parsed <= YEARS.max ? parsed : null;
    const asked = useDebounced(years, QUOTE_DEBOUNCE_MS);
    const quote = useQuery({
        queryKey: ['subscriptions', 'bulkRenewalQuote', ids, asked],
        queryFn: async () => ({ ...(await dataProvider.bulkRenewalQuote(ids, asked as number)), years: asked }),
        enabled: asked !== null,
        placeholderData: keepPreviousData,
        staleTime: 0,
        gcTime: 0,
        retry: false,
    });
    const current = quote.data && quote.data.years === years ? quote.data : null;
    const mutation = useMutation<{ results: BulkRenewResult[] }, HttpError, number>({
        mutationFn: y => dataProvider.bulkRenew(ids, y),
        onSuccess: () => invalidateAfterLicenseMove(queryClient),
    });
    const inFlight = useRef(false);
    const canSubmit = current !== null && current.subscriptions.length > 0 && !mutation.isPending && !mutation.data;
    const submit = () => {
        if (inFlight.current || !canSubmit || years === null) return;
        inFlight.current = true;
        mutation.mutate(years, { onSettled: () => (inFlight.current = false) });
    };
    const names = new Map((quote.data?.subscriptions ?? []).map(line => [String(line.id), line.client_name]));
    const shortPools = (current?.pools ?? []).filter(pool => pool.remaining_after < 0);
    const results = mutation.data?.results;
    const close = () => onClose(!!results);

    return (
        <Dialog open onClose={mutation.isPending ? undefined : close} fullWidth maxWidth="md">
            <DialogTitle>{translate('cascade.bulk_renew.title', { smart_count: ids.length })}</DialogTitle>
            <DialogContent>
                {results ? (
                    <BulkResults results={results} names={names} />
                ) : (
                    <Stack spacing={2} sx={{ pt: 1 }}>
                        <TextField
                            label={translate('cascade.bulk_renew.years')}
                            value={input}
                            onChange={event => setInput(event.target.value)}
                            type="number"
                            autoFocus
                            error={years === null}
                            helperText={years === null ? translate('cascade.renew.reason_years') : undefined}
                            slotProps={{ htmlInput: { min: 1, max: 10, step: 1, inputMode: 'numeric' } }}
                            sx={{ maxWidth: 320 }}
                        />
                        {quote.isError ? (
                            <Alert severity="error">
                                {translate('cascade.bulk_renew.quote_error', { message: errorMessage(quote.error, translate) })}
                            </Alert>
                        ) : null}
                        {!quote.data && !quote.isError ? (
                            <Typography variant="body2" color="text.secondary">
                                {translate('cascade.bulk_renew.loading')}
                            </Typography>
                        ) : null}
                        {quote.data ? (
                            // the previous quote stays, dimmed, while the one for the typed years loads
                            <Table
                                size="small"
                                data-testid="bulk-pools"
                                aria-busy={!current}
                                sx={{ opacity: current ? 1 : 0.5, transition: 'opacity 150ms' }}
                            >
                                <TableHead>
                                    <TableRow>
                                        <TableCell>{translate('cascade.bulk_renew.pool')}</TableCell>
                                        <TableCell align="right">{translate('cascade.bulk_renew.balance')}</TableCell>
                                        <TableCell align="right">{translate('cascade.bulk_renew.cost')}</TableCell>
                                        <TableCell align="right">{translate('cascade.bulk_renew.remaining')}</TableCell>
                                    </TableRow>
                                </TableHead>
                                <TableBody>
                                    {quote.data.pools.map(pool => (
                                        <TableRow key={`${pool.pool_id}-${pool.manager_name}-${pool.product_id}`}>
                                            <TableCell>
                                                {pool.manager_name} ·{' '}
                                                <ReferenceField
                                                    record={pool}
                                                    source="product_id"
                                                    reference="products"
                                                    link={false}
                                                />
                                            </TableCell>
                                            <TableCell align="right">{pool.balance}</TableCell>
                                            <TableCell align="right">{pool.cost}</TableCell>
                                            <TableCell
                                                align="right"
                                                data-testid="bulk-remaining"
                                                sx={pool.remaining_after < 0 ? { color: 'error.main', fontWeight: 600 } : undefined}
                                            >
                                                {pool.remaining_after}
                                            </TableCell>
                                        </TableRow>
                                    ))}
                                </TableBody>
                            </Table>
                        ) : null}
                        {shortPools.map(pool => (
                            <Alert severity="warning" key={`short-${pool.pool_id}-${pool.manager_name}`} data-testid="bulk-short">
                                {translate('cascade.bulk_renew.short', { manager: pool.manager_name })}
                            </Alert>
                        ))}
                        {current && current.not_found.length > 0 ? (
                            <Alert severity="info">
                                {translate('cascade.bulk_renew.not_found', { smart_count: current.not_found.length })}
                            </Alert>
                        ) : null}
                        {current ? (
                            <>
                                <Typography variant="subtitle2">{translate('cascade.bulk_renew.subscriptions')}</Typography>
                                <List dense disablePadding>
                                    {current.subscriptions.map(line => (
                                        <ListItem key={line.id} disableGutters>
                                            <ListItemText
                                                primary={line.client_name}
                                                secondary={translate('cascade.bulk_renew.line', {
                                                    seats: line.seats,
                                                    years: line.years,
                                                    cost: line.cost,
                                                    end: formatDate(line.end_date, locale),
                                                })}
                                            />
                                        </ListItem>
                                    ))}
                                </List>
                            </>
                        ) : null}
                        {mutation.error ? <Alert severity="error">{errorMessage(mutation.error, translate)}</Alert> : null}
                    </Stack>
                )}
            </DialogContent>
            <DialogActions>
                {results ? (
                    <Button variant="contained" onClick={close}>
                        {translate('cascade.bulk_renew.close')}
                    </Button>
                ) : (
                    <>
                        <Button onClick={close} disabled={mutation.isPending}>
                            {translate('cascade.bulk_renew.cancel')}
                        </Button>
                        <Button variant="contained" onClick={submit} disabled={!canSubmit}>
                            {translate('cascade.bulk_renew.ok')}
                        </Button>
                    </>
                )}
            </DialogActions>
        </Dialog>
    );
};

/** One line per renewal: renewed until its new end, or the reason of its failure. */
const BulkResults = ({ results, names }: { results: BulkRenewResult[]; names: Map<string, string> }) => {
    const translate = useTranslate();
    const [locale] = useLocaleState();
    const ok = results.filter(isRenewed).length;
    return (
        <Stack spacing={1} sx={{ pt: 1 }}>
            <Typography variant="subtitle1" data-testid="bulk-summary">
                {translate('cascade.bulk_renew.summary', { ok, failed: results.length - ok })}
            </Typography>
            <List dense disablePadding data-testid="bulk-results">
                {results.map(result => (
                    <ListItem key={result.id} disableGutters data-status={isRenewed(result) ? 'renewed' : 'failed'}>
                        <ListItemIcon sx={{ minWidth: 32 }}>
                            {isRenewed(result) ? (
                                <CheckCircleIcon color="success" fontSize="small" />
                            ) : (
                                <ErrorIcon color="error" fontSize="small" />
                            )}
                        </ListItemIcon>
                        <ListItemText
                            primary={names.get(String(result.id)) ?? `#${result.id}`}
                            secondary={
                                isRenewed(result)
                                    ? translate('cascade.bulk_renew.renewed', { end: formatDate(result.end_date, locale) })
                                    : bulkFailureReason(result, translate)
                            }
                        />
                    </ListItem>
                ))}
            </List>
        </Stack>
    );
};

export default BulkRenewDialog;
