import { useFieldValue, useLocaleState } from 'react-admin';
import { Typography } from '@mui/material';

/** An instant (ISO 8601) shown as the user's local date and time. */
export const DateTimeField = ({ source }: { source: string; label?: string }) => {
    const value = useFieldValue({ source });
    const [locale] = useLocaleState();
    const date = typeof value === 'string' ? new Date(value) : null;
    return (
        <Typography component="span" variant="body2" sx={{ whiteSpace: 'nowrap' }}>
            {date && !Number.isNaN(date.getTime())
                ? date.toLocaleString(locale === 'fr' ? 'fr-FR' : 'en-GB', { dateStyle: 'short', timeStyle: 'short' })
                : (value ?? '')}
        </Typography>
    );
};
