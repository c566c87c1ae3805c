import { useFieldValue, useLocaleState } from 'react-admin';
import { Typography } from '@mui/material';
import { formatDateTime } from './dates';

/** An instant (ISO 8601) shown as the user's local date and time, in the console's language. */
export const DateTimeField = ({ source }: { source: string; label?: string }) => {
    const value = useFieldValue({ source });
    const [locale] = useLocaleState();
    return (
        <Typography component="span" variant="body2" sx={{ whiteSpace: 'nowrap' }}>
            {formatDateTime(value, locale)}
        </Typography>
    );
};
