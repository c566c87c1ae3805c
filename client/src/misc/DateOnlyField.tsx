import { useFieldValue, useLocaleState } from 'react-admin';
import { Typography } from '@mui/material';
import { formatDate } from './dates';

/** A 'YYYY-MM-DD' field shown as dd/mm/yyyy in French. */
export const DateOnlyField = ({ source }: { source: string; label?: string }) => {
    const value = useFieldValue({ source });
    const [locale] = useLocaleState();
    return (
        <Typography component="span" variant="body2">
            {formatDate(value, locale)}
        </Typography>
    );
};
