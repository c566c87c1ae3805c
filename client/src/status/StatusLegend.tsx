import { Box, Stack, Typography } from '@mui/material';
import CheckCircleIcon from '@mui/icons-material/CheckCircle';
import { useTranslate } from 'react-admin';
import { STATUSES, statusStyles, type Status } from './statusStyle';

/** The legend of the row colours, drawn from the same table as the rows. */
export const StatusLegend = ({ statuses = STATUSES }: { statuses?: readonly Status[] }) => {
    const translate = useTranslate();
    return (
        <Stack
            direction="row"
            spacing={2}
            useFlexGap
            flexWrap="wrap"
            alignItems="center"
            component="ul"
            aria-label={translate('cascade.legend')}
            sx={{ listStyle: 'none', m: 0, px: 2, py: 1 }}
        >
            <Typography component="li" variant="caption" color="text.secondary">
                {translate('cascade.legend')}
            </Typography>
            {statuses.map(status => {
                const style = statusStyles[status];
                return (
                    <Stack
                        key={status}
                        component="li"
                        direction="row"
                        spacing={0.75}
                        alignItems="center"
                        data-status={status}
                        data-colour={style.colour}
                        title={translate(`cascade.status_hint.${status}`)}
                    >
                        {style.check ? (
                            <CheckCircleIcon sx={{ fontSize: 16, color: style.main ?? undefined }} />
                        ) : (
                            <Box
                                data-testid={`swatch-${status}`}
                                sx={{
                                    width: 14,
                                    height: 14,
                                    borderRadius: 0.5,
                                    bgcolor: style.tint ?? 'transparent',
                                    borderLeft: `4px solid ${style.main ?? 'transparent'}`,
                                    outline: style.main ? 'none' : '1px solid',
                                    outlineColor: 'divider',
                                }}
                            />
                        )}
                        <Typography variant="caption">
                            {translate(`cascade.status.${status}`)}
                        </Typography>
                    </Stack>
                );
            })}
        </Stack>
    );
};
