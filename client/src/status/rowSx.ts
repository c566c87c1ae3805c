import type { SxProps } from '@mui/material';
import { styleOf } from './statusStyle';

/**
 * Row styling for DataTable/SimpleList `rowSx`: a coloured left border and a
 * light tint from the status table; cancelled rows are also greyed out.
 */
export const rowSx =
    (statusField = 'status') =>
    (record: Record<string, unknown> | undefined): SxProps => {
        const style = styleOf(record?.[statusField]);
        if (!style.main) {
            return { borderLeft: '5px solid transparent' };
        }
        return {
            borderLeft: `5px solid ${style.main}`,
            backgroundColor: style.tint ?? undefined,
            ...(style.colour === 'grey' ? { '& td, & .MuiTypography-root': { color: 'text.secondary' } } : {}),
        };
    };

export const statusRowSx = rowSx('status');
