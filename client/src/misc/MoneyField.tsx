import { Typography } from '@mui/material';
import { useFieldValue, useLocaleState } from 'react-admin';
import { formatCents } from './money';

/** An amount in integer cents, shown in euros. */
export const MoneyField = ({ source }: { source: string; label?: string }) => {
    const value = useFieldValue({ source });
    const [locale] = useLocaleState();
    return (
        <Typography component="span" variant="body2" sx={{ whiteSpace: 'nowrap' }}>
            {typeof value === 'number' ? formatCents(value, locale) : ''}
        </Typography>
    );
};
