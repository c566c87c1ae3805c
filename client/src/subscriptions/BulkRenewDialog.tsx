import { useEffect, useState, type ReactNode } from 'react';
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
    useMediaQuery,
    type Theme,
} from '@mui/material';
import CheckCircleIcon from '@mui/icons-material/CheckCircle';
import ErrorIcon from '@mui/icons-material/Error';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import {
    ReferenceField,
    TextField as RaTextField,
    useDataProvider,
    useLocaleState,
    useTranslate,
    type Identifier,
} from 'react-admin';
import type { BulkLine, BulkRenewResult, CascadeDataProvider } from '../providers/dataProvider';
import { formatDate } from '../misc/dates';
import { errorMessage } from '../misc/errorMessage';
import { ServerErrorAlert } from '../misc/ServerErrorAlert';
import { QUOTE_DEBOUNCE_MS, useDebounced } from '../misc/useDebounced';
import { useLicenseAction } from '../misc/useLicenseAction';
import { YEARS } from '../../../shared/contract';
import { bulkFailureReason, isRenewed } from './bulkRenewal';
import { parseWhole } from './renewPreview';
import { usePatchSubscriptionRows } from './renewedRows';
import { useShortProductName } from './useShortProductName';

export interface BulkRenewDialogProps {
    ids: Identifier[];
    onClose: (done: boolean) => void;
}

type Named = { product_name?: string; client_name?: string };

/** "TBox — Librairie Blanc": a line of the quote or of the results, with the short product name. */
const useLineName = () => {
    const shortName = useShortProductName();
    return (line: Named) => [shortName(line.product_name), line.client_name].filter(Boolean).join(' — ');
};

/** A comparable text of lines' years, whatever their order: "12:2,15:1". */
const linesKey = (lines: { id: Identifier; years: number }[]) =>
    lines
        .map(line => `${line.id}:${line.years}`)
        .sort()
        .join(',');

/** The lines of a linesKey, with the ids as the list gave them (numbers stay numbers). */
const parseLinesKey = (key: string, ids: Identifier[]): BulkLine[] =>
    key.split(',').map(pair => {
        const [id, years] = pair.split(':');
        return { id: ids.find(known => String(known) === id) ?? id, years: Number(years) };
    });

const validYears = (input: string | undefined) => {
    const years = parseWhole(input);
    return years !== null && years >= YEARS.min && years <= YEARS.max ? years : null;
};

/**
 * The bulk quote for the typed years of each line, asked again once they settle. The first quote,
 * for the ids alone, gives each line its own subscription's years (the defaults).
 */
const useBulkQuote = (ids: Identifier[], lines: BulkLine[] | null) => {
    const dataProvider = useDataProvider<CascadeDataProvider>();
    const [defaults, setDefaults] = useState<string | null>(null);
    const typed = lines ? linesKey(lines) : null;
    const settled = useDebounced(typed, QUOTE_DEBOUNCE_MS);
    const asked = settled && defaults !== null && settled !== defaults ? settled : null;
    const quote = useQuery({
        queryKey: ['subscriptions', 'bulkRenewalQuote', ids, asked],
        queryFn: () => dataProvider.bulkRenewalQuote(asked ? { lines: parseLinesKey(asked, ids) } : { ids }),
        placeholderData: keepPreviousData,
        staleTime: 0,
        gcTime: 0,
        retry: false,
    });
    const answered = quote.data ? linesKey(quote.data.subscriptions) : null;
    useEffect(() => {
        if (defaults === null && answered !== null) setDefaults(answered);
    }, [defaults, answered]);
    // the quote's figures count once they are for exactly the typed years
    return { quote, current: quote.data && answered === typed ? quote.data : null };
};

/**
 * A table of the quote: `columns` are `cascade.bulk_renew.<name>` headers, ':right' aligned right.
 * The previous quote stays, dimmed and busy, while the one for the typed years loads.
 */
const QuoteTable = ({
    testId,
    busy,
    columns,
    children,
}: {
    testId: string;
    busy: boolean;
    columns: string[];
    children: ReactNode;
}) => {
    const translate = useTranslate();
    return (
        <Table size="small" data-testid={testId} aria-busy={busy} sx={{ opacity: busy ? 0.6 : 1, transition: 'opacity 150ms' }}>
            <TableHead>
                <TableRow>
                    {columns.map(column => {
                        const [name, align] = column.split(':');
                        return (
                            <TableCell key={name} align={align === 'right' ? 'right' : undefined}>
                                {translate(`cascade.bulk_renew.${name}`)}
                            </TableCell>
                        );
                    })}
                </TableRow>
            </TableHead>
            <TableBody>{children}</TableBody>
        </Table>
    );
};

/**
 * Bulk renewal from "Clients à renouveler": each line starts from its own subscription's years and
 * can be changed; the cost against each pool (balance, cost, remaining; short pools in red); then
 * each renewal's result, named "product — client", a failure with its reason. Each renewal is its
 * own transaction on the server; the whole batch goes with one Idempotency-Key.
 */
export const BulkRenewDialog = ({ ids, onClose }: BulkRenewDialogProps) => {
    const translate = useTranslate();
    const [locale] = useLocaleState();
    const dataProvider = useDataProvider<CascadeDataProvider>();
    const patchRows = usePatchSubscriptionRows();
    const lineName = useLineName();
    const fullScreen = useMediaQuery<Theme>(theme => theme.breakpoints.down('sm'));
    // the typed years of each line, filled from the first quote
    const [input, setInput] = useState<{ id: Identifier; years: string }[] | null>(null);
    const lines = input ? input.map(line => ({ id: line.id, years: validYears(line.years) })) : null;
    const valid = lines?.every(line => line.years !== null) ? (lines as BulkLine[]) : null;
    const { quote, current } = useBulkQuote(ids, valid);
    useEffect(() => {
        if (!input && quote.data) {
            setInput(quote.data.subscriptions.map(line => ({ id: line.id, years: String(line.years) })));
        }
    }, [input, quote.data]);

    const renewal = useLicenseAction<{ results: BulkRenewResult[] }, BulkLine[]>({
        action: (key, subscriptions) => dataProvider.bulkRenew(subscriptions, key),
        refresh: 'licences',
        success: () => null, // the results are the dialog's next page
        onDone: ({ results }) => {
            const renewed = results.filter(isRenewed).map(result => result.id);
            // the renewed rows keep their place in the list, now with their check and undo button
            if (renewed.length > 0) {
                dataProvider
                    .getMany('subscriptions', { ids: renewed })
                    .then(({ data }) => patchRows(data))
                    .catch(() => undefined); // they then show as they were until the list is reloaded
            }
        },
    });
    const [results, setResults] = useState<BulkRenewResult[] | null>(null);
    const canSubmit = valid !== null && current !== null && current.subscriptions.length > 0 && !renewal.pending;
    const submit = async () => {
        if (!canSubmit || !valid) return;
        const answer = await renewal.run(valid);
        if (answer) setResults(answer.results);
    };
    const shortPools = (current?.pools ?? []).filter(pool => pool.remaining_after < 0);
    const close = () => onClose(!!results);

    return (
        <Dialog open onClose={renewal.pending ? undefined : close} fullWidth maxWidth="md" fullScreen={fullScreen}>
            <DialogTitle>{translate('cascade.bulk_renew.title', { smart_count: ids.length })}</DialogTitle>
            <DialogContent>
                {results ? (
                    <BulkResults results={results} />
                ) : (
                    <Stack spacing={2} sx={{ pt: 1 }}>
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
                        {quote.data && input ? (
                            <QuoteTable
                                testId="bulk-lines"
                                busy={!current}
                                columns={['subscription', 'seats:right', 'years:right', 'cost:right', 'until']}
                            >
                                    {quote.data.subscriptions.map(line => {
                                        const typed = input.find(typedLine => typedLine.id === line.id)?.years;
                                        return (
                                            <TableRow key={line.id} data-testid="bulk-line">
                                                <TableCell>{lineName(line)}</TableCell>
                                                <TableCell align="right">{line.seats}</TableCell>
                                                <TableCell align="right">
                                                    <TextField
                                                        value={typed ?? ''}
                                                        onChange={event => {
                                                            renewal.reset();
                                                            const years = event.target.value;
                                                            setInput(input.map(typedLine => (typedLine.id === line.id ? { ...typedLine, years } : typedLine)));
                                                        }}
                                                        type="number"
                                                        size="small"
                                                        error={validYears(typed) === null}
                                                        sx={{ width: 76 }}
                                                        slotProps={{
                                                            htmlInput: {
                                                                min: YEARS.min,
                                                                max: YEARS.max,
                                                                step: 1,
                                                                inputMode: 'numeric',
                                                                'aria-label': translate('cascade.bulk_renew.years_of', {
                                                                    line: lineName(line),
                                                                }),
                                                            },
                                                        }}
                                                    />
                                                </TableCell>
                                                <TableCell align="right">{line.cost}</TableCell>
                                                <TableCell>{formatDate(line.end_date, locale)}</TableCell>
                                            </TableRow>
                                        );
                                    })}
                            </QuoteTable>
                        ) : null}
                        {valid === null && input ? (
                            <Alert severity="warning">{translate('cascade.renew.reason_years')}</Alert>
                        ) : null}
                        {quote.data ? (
                            <QuoteTable
                                testId="bulk-pools"
                                busy={!current}
                                columns={['pool', 'balance:right', 'cost:right', 'remaining:right']}
                            >
                                    {quote.data.pools.map(pool => (
                                        <TableRow key={`${pool.pool_id}-${pool.manager_name}-${pool.product_id}`}>
                                            <TableCell>
                                                {pool.manager_name} ·{' '}
                                                <ReferenceField record={pool} source="product_id" reference="products" link={false}>
                                                    <RaTextField source="code" />
                                                </ReferenceField>
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
                            </QuoteTable>
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
                        <ServerErrorAlert error={renewal.error} testId="bulk-error" />
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
                        <Button onClick={close} disabled={renewal.pending}>
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

/** One line per renewal, "product — client": renewed until its new end, or the reason of its failure. */
const BulkResults = ({ results }: { results: BulkRenewResult[] }) => {
    const translate = useTranslate();
    const [locale] = useLocaleState();
    const lineName = useLineName();
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
                            primary={lineName(result) || `#${result.id}`}
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
