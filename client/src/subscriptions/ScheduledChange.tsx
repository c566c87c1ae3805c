import { Typography } from '@mui/material';
import EventRepeatIcon from '@mui/icons-material/EventRepeat';
import { useRecordContext, useTranslate } from 'react-admin';
import type { Subscription } from '../providers/dataProvider';

/** The seats × years scheduled for the next renewal, when any (unset parts stay as they are). */
export const ScheduledChange = () => {
    const record = useRecordContext<Subscription>();
    const translate = useTranslate();
    if (!record || (record.next_seats == null && record.next_years == null)) return null;
    return (
        <Typography
            variant="caption"
            color="info.main"
            data-testid="scheduled-change"
            sx={{ display: 'inline-flex', alignItems: 'center', gap: 0.5, whiteSpace: 'nowrap' }}
        >
            <EventRepeatIcon fontSize="inherit" />
            {translate('cascade.schedule.shown', {
                seats: record.next_seats ?? record.seats,
                years: record.next_years ?? record.years,
            })}
        </Typography>
    );
};

/** The seats of the shown term, with the scheduled change under it. */
export const SeatsWithSchedule = () => {
    const record = useRecordContext<Subscription>();
    if (!record) return null;
    return (
        <>
            {record.seats}
            <br />
            <ScheduledChange />
        </>
    );
};
