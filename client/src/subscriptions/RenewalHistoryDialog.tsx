import {
    Button,
    Dialog,
    DialogActions,
    DialogContent,
    DialogTitle,
    Table,
    TableBody,
    TableCell,
    TableHead,
    TableRow,
    Typography,
    useMediaQuery,
    type Theme,
} from '@mui/material';
import { useQuery } from '@tanstack/react-query';
import {
    useDataProvider,
    useGetList,
    useLocaleState,
    useTranslate,
    type Identifier,
    type RaRecord,
} from 'react-admin';
import type { CascadeDataProvider, HistoryEntry } from '../providers/dataProvider';
import { formatDate, formatDateTime } from '../misc/dates';

interface Attempt extends RaRecord {
    run_date: string;
    outcome: 'renewed' | 'failed' | 'exhausted';
    message: string | null;
}

/** "13 → 18" for a seat change, else the term's seats. */
const seatsOf = (entry: HistoryEntry) =>
    entry.kind === 'seat_change' ? `${entry.seats_from ?? ''} → ${entry.seats_to ?? ''}` : (entry.seats ?? '');

const outcomeColor = { renewed: 'success.main', failed: 'warning.main', exhausted: 'error.main' } as const;

/**
 * "Historique des renouvellements": every auto-renewal attempt, then the history of the terms (creation,
 * renewals, seat changes as their own entries, undos), newest first, as the server tells it.
 */
export const RenewalHistoryDialog = ({ subscriptionId, onClose }: { subscriptionId: Identifier; onClose: () => void }) => {
    const translate = useTranslate();
    const [locale] = useLocaleState();
    const fullScreen = useMediaQuery<Theme>(theme => theme.breakpoints.down('sm'));
    const attempts = useGetList<Attempt>('renewal_attempts', {
        filter: { subscription_id: subscriptionId },
        sort: { field: 'run_date', order: 'DESC' },
        pagination: { page: 1, perPage: 200 },
    });
    const dataProvider = useDataProvider<CascadeDataProvider>();
    const history = useQuery({
        queryKey: ['subscriptions', 'history', subscriptionId],
        queryFn: () => dataProvider.renewalHistory(subscriptionId),
    });
    const field = (resource: string, name: string) => translate(`resources.${resource}.fields.${name}`);
    return (
        <Dialog open onClose={onClose} fullWidth maxWidth="md" fullScreen={fullScreen}>
            <DialogTitle>{translate('cascade.history.title')}</DialogTitle>
            <DialogContent>
                <Typography variant="subtitle2" sx={{ mt: 1 }}>
                    {translate('cascade.history.attempts')}
                </Typography>
                {attempts.data && attempts.data.length === 0 ? (
                    <Typography variant="body2" color="text.secondary">
                        {translate('cascade.history.no_attempt')}
                    </Typography>
                ) : (
                    <Table size="small" data-testid="renewal-attempts">
                        <TableHead>
                            <TableRow>
                                <TableCell>{field('renewal_attempts', 'run_date')}</TableCell>
                                <TableCell>{field('renewal_attempts', 'outcome')}</TableCell>
                                <TableCell>{field('renewal_attempts', 'message')}</TableCell>
                            </TableRow>
                        </TableHead>
                        <TableBody>
                            {(attempts.data ?? []).map(attempt => (
                                <TableRow key={attempt.id}>
                                    <TableCell>{formatDate(attempt.run_date, locale)}</TableCell>
                                    <TableCell sx={{ color: outcomeColor[attempt.outcome] }}>
                                        {translate(`cascade.history.outcome.${attempt.outcome}`)}
                                    </TableCell>
                                    <TableCell>{attempt.message ?? ''}</TableCell>
                                </TableRow>
                            ))}
                        </TableBody>
                    </Table>
                )}
                <Typography variant="subtitle2" sx={{ mt: 3 }}>
                    {translate('cascade.history.entries')}
                </Typography>
                {history.data && history.data.length === 0 ? (
                    <Typography variant="body2" color="text.secondary">
                        {translate('cascade.history.no_entry')}
                    </Typography>
                ) : (
                    <Table size="small" data-testid="renewal-history">
                        <TableHead>
                            <TableRow>
                                <TableCell>{translate('cascade.history.at')}</TableCell>
                                <TableCell>{translate('cascade.history.kind_label')}</TableCell>
                                <TableCell>{translate('cascade.history.period')}</TableCell>
                                <TableCell align="right">{translate('cascade.history.seats')}</TableCell>
                                <TableCell align="right">{translate('cascade.history.cost')}</TableCell>
                                <TableCell>{translate('cascade.history.actor')}</TableCell>
                            </TableRow>
                        </TableHead>
                        <TableBody>
                            {(history.data ?? []).map(entry => (
                                <TableRow key={entry.id} data-kind={entry.kind}>
                                    <TableCell>{formatDateTime(entry.at, locale)}</TableCell>
                                    <TableCell>{translate(`cascade.history.origin.${entry.kind}`)}</TableCell>
                                    <TableCell>
                                        {entry.start_date && entry.end_date
                                            ? translate('cascade.history.term', {
                                                  start: formatDate(entry.start_date, locale),
                                                  end: formatDate(entry.end_date, locale),
                                                  smart_count: entry.years ?? 0,
                                              })
                                            : ''}
                                    </TableCell>
                                    <TableCell align="right">{seatsOf(entry)}</TableCell>
                                    <TableCell align="right">{entry.cost}</TableCell>
                                    <TableCell>{entry.actor}</TableCell>
                                </TableRow>
                            ))}
                        </TableBody>
                    </Table>
                )}
            </DialogContent>
            <DialogActions>
                <Button onClick={onClose}>{translate('cascade.history.close')}</Button>
            </DialogActions>
        </Dialog>
    );
};

export default RenewalHistoryDialog;
