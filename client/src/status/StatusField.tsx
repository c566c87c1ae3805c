import { Chip } from '@mui/material';
import CheckCircleIcon from '@mui/icons-material/CheckCircle';
import { useRecordContext, useTranslate } from 'react-admin';
import { isStatus, statusStyles } from './statusStyle';

/** A status as a small chip coloured from the status table (check mark when renewed). */
export const StatusField = ({ source = 'status' }: { source?: string; label?: string }) => {
    const record = useRecordContext();
    const translate = useTranslate();
    const status = record?.[source];
    if (!isStatus(status)) return null;
    const style = statusStyles[status];
    return (
        <Chip
            size="small"
            variant="outlined"
            data-status={status}
            icon={style.check ? <CheckCircleIcon style={{ color: style.main ?? undefined }} /> : undefined}
            label={translate(`cascade.status.${status}`)}
            sx={{
                borderColor: style.main ?? 'divider',
                // the solid colour is too light for text on a light theme's tinted row
                color: theme => (style.check ? undefined : theme.palette.mode === 'dark' ? style.main : style.text) ?? undefined,
                fontWeight: 500,
            }}
        />
    );
};
