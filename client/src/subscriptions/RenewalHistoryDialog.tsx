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
} from '@mui/material';
import { useGetList, useLocaleState, useTranslate, type Identifier, type RaRecord } from 'react-admin';
import { formatDate } from '../misc/dates';

interface Attempt extends RaRecord {
    run_date: string;
    outcome: 'renewed' | 'failed' | 'exhausted';
    message: string | null;
}

interface Term extends RaRecord {
    start_date: string;
    end_date: string;
    years: number;
    seats: number;
    origin?: 'creation' | 'renewal' | 'auto_renewal';
}

const outcomeColor = { renewed: 'success.main', failed: 'warning.main', exhausted: 'error.main' } as const;

/** "Historique des renouvellements": every auto-renewal attempt, then the terms with their origin. */
export const RenewalHistoryDialog = ({ subscriptionId, onClose }: { subscriptionId: Identifier; onClose: () => void }) => {
    const translate = useTranslate();
    const [locale] = useLocaleState();
    const attempts = useGetList<Attempt>('renewal_attempts', {
        filter: { subscription_id: subscriptionId },
        sort: { field: 'run_date', order: 'DESC' },
        pagination: { page: 1, perPage: 200 },
    });
    const terms = useGetList<Term>('terms', {
        filter: { subscription_id: subscriptionId },
        sort: { field: 'start_date', order: 'DESC' },
        pagination: { page: 1, perPage: 200 },
    });
    const field = (resource: string, name: string) => translate(`resources.${resource}.fields.${name}`);
    return (
        <Dialog open onClose={onClose} fullWidth maxWidth="md">
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
                    {translate('cascade.history.terms')}
                </Typography>
                {terms.data && terms.data.length === 0 ? (
                    <Typography variant="body2" color="text.secondary">
                        {translate('cascade.history.no_term')}
                    </Typography>
                ) : (
                    <Table size="small" data-testid="renewal-terms">
                        <TableHead>
                            <TableRow>
                                <TableCell>{field('terms', 'start_date')}</TableCell>
                                <TableCell>{field('terms', 'end_date')}</TableCell>
                                <TableCell align="right">{field('terms', 'years')}</TableCell>
                                <TableCell align="right">{field('terms', 'seats')}</TableCell>
                                <TableCell>{field('terms', 'origin')}</TableCell>
                            </TableRow>
                        </TableHead>
                        <TableBody>
                            {(terms.data ?? []).map(term => (
                                <TableRow key={term.id}>
                                    <TableCell>{formatDate(term.start_date, locale)}</TableCell>
                                    <TableCell>{formatDate(term.end_date, locale)}</TableCell>
                                    <TableCell align="right">{term.years}</TableCell>
                                    <TableCell align="right">{term.seats}</TableCell>
                                    <TableCell>{term.origin ? translate(`cascade.history.origin.${term.origin}`) : ''}</TableCell>
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
