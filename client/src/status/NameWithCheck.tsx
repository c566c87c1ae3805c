import type { ReactNode } from 'react';
import { Stack } from '@mui/material';
import CheckCircleIcon from '@mui/icons-material/CheckCircle';
import { useRecordContext, useTranslate } from 'react-admin';
import { styleOf } from './statusStyle';

/**
 * A name followed by the green check when the status table says so (renewed): the
 * record's `source` as text, or the given children (e.g. a ReferenceField). Inline,
 * so it also fits a SimpleList's primary text on small screens.
 */
export const NameWithCheck = ({ source, children }: { source?: string; label?: string; children?: ReactNode }) => {
    const record = useRecordContext();
    const translate = useTranslate();
    if (!record) return null;
    const style = styleOf(record.status);
    return (
        <Stack direction="row" spacing={0.75} alignItems="center" component="span" sx={{ display: 'inline-flex' }}>
            {children ?? <span>{String(source ? (record[source] ?? '') : '')}</span>}
            {style.check ? (
                <CheckCircleIcon
                    fontSize="small"
                    titleAccess={translate(`cascade.status.${record.status}`)}
                    data-testid="renewed-check"
                    sx={{ color: style.main ?? undefined }}
                />
            ) : null}
        </Stack>
    );
};
