import { useState } from 'react';
import { Alert, Button, Dialog, DialogActions, DialogContent, DialogTitle, Stack, TextField, Typography } from '@mui/material';
import { useNotify, useTranslate, useUpdate } from 'react-admin';
import type { Subscription } from '../providers/dataProvider';
import { errorMessage } from '../misc/errorMessage';
import { parseWhole } from './renewPreview';

/** '' → null (nothing scheduled), a whole number in bounds → it, anything else → undefined (invalid). */
const scheduled = (input: string, max: number): number | null | undefined => {
    if (input.trim() === '') return null;
    const value = parseWhole(input);
    return value !== null && value >= 1 && value <= max ? value : undefined;
};

/** Seats and years to apply at the next renewal (manual or automatic): PUT {next_seats, next_years}. */
export const ScheduleDialog = ({ subscription, onClose }: { subscription: Subscription; onClose: () => void }) => {
    const translate = useTranslate();
    const notify = useNotify();
    const [seats, setSeats] = useState(subscription.next_seats == null ? '' : String(subscription.next_seats));
    const [years, setYears] = useState(subscription.next_years == null ? '' : String(subscription.next_years));
    const [update, { isPending, error }] = useUpdate<Subscription>();
    const nextSeats = scheduled(seats, Number.MAX_SAFE_INTEGER);
    const nextYears = scheduled(years, 10);
    const invalid = nextSeats === undefined || nextYears === undefined;
    const hasSchedule = subscription.next_seats != null || subscription.next_years != null;
    const save = (data: { next_seats: number | null; next_years: number | null }, message: string) =>
        update(
            'subscriptions',
            { id: subscription.id, data, previousData: subscription },
            {
                onSuccess: () => {
                    notify(message, { type: 'info' });
                    onClose();
                },
            },
        );
    return (
        <Dialog open onClose={isPending ? undefined : onClose} fullWidth maxWidth="xs">
            <form
                noValidate
                onSubmit={event => {
                    event.preventDefault();
                    if (invalid || isPending) return;
                    save({ next_seats: nextSeats, next_years: nextYears }, 'cascade.schedule.done');
                }}
            >
                <DialogTitle>{translate('cascade.schedule.title')}</DialogTitle>
                <DialogContent>
                    <Stack spacing={2} sx={{ pt: 1 }}>
                        <Typography variant="body2" color="text.secondary">
                            {translate('cascade.schedule.hint')}
                        </Typography>
                        <TextField
                            label={translate('cascade.schedule.seats')}
                            value={seats}
                            placeholder={String(subscription.seats)}
                            onChange={event => setSeats(event.target.value)}
                            type="number"
                            autoFocus
                            error={nextSeats === undefined}
                            slotProps={{ htmlInput: { min: 1, step: 1, inputMode: 'numeric' } }}
                        />
                        <TextField
                            label={translate('cascade.schedule.years')}
                            value={years}
                            placeholder={String(subscription.years)}
                            onChange={event => setYears(event.target.value)}
                            type="number"
                            error={nextYears === undefined}
                            slotProps={{ htmlInput: { min: 1, max: 10, step: 1, inputMode: 'numeric' } }}
                        />
                        {invalid ? <Alert severity="warning">{translate('cascade.schedule.invalid')}</Alert> : null}
                        {error ? <Alert severity="error">{errorMessage(error, translate)}</Alert> : null}
                    </Stack>
                </DialogContent>
                <DialogActions>
                    {hasSchedule ? (
                        <Button
                            color="warning"
                            disabled={isPending}
                            onClick={() => save({ next_seats: null, next_years: null }, 'cascade.schedule.cleared')}
                            sx={{ mr: 'auto' }}
                        >
                            {translate('cascade.schedule.clear')}
                        </Button>
                    ) : null}
                    <Button onClick={onClose} disabled={isPending}>
                        {translate('cascade.schedule.cancel')}
                    </Button>
                    <Button type="submit" variant="contained" disabled={invalid || isPending}>
                        {translate('cascade.schedule.save')}
                    </Button>
                </DialogActions>
            </form>
        </Dialog>
    );
};

export default ScheduleDialog;
