import { Box, Card, CardContent, CardHeader, Typography } from '@mui/material';
import CheckCircleIcon from '@mui/icons-material/CheckCircle';
import WarningAmberIcon from '@mui/icons-material/WarningAmber';
import { Link } from 'react-router';
import { useTranslate } from 'react-admin';
import { STATUSES, statusStyles, type Status } from '../status/statusStyle';

const clientsWithStatus = (status: Status) =>
    `/clients?filter=${encodeURIComponent(JSON.stringify({ status: [status] }))}`;

/** Subscriptions per status, coloured from the status table; then the over-used ones, if any. */
export const StatusCounts = ({ counts, overUsed }: { counts: Partial<Record<Status, number>> | undefined; overUsed?: number }) => {
    const translate = useTranslate();
    return (
        <Card sx={{ height: '100%' }}>
            <CardHeader title={translate('cascade.dashboard.by_status')} slotProps={{ title: { variant: 'subtitle1' } }} />
            <CardContent sx={{ pt: 0 }}>
                <Box
                    component="ul"
                    sx={{ listStyle: 'none', m: 0, p: 0, display: 'grid', gap: 1, gridTemplateColumns: { xs: '1fr', sm: '1fr 1fr' } }}
                >
                    {STATUSES.map(status => {
                        const style = statusStyles[status];
                        return (
                            <Box
                                component="li"
                                key={status}
                                data-status={status}
                                sx={{
                                    display: 'flex',
                                    alignItems: 'center',
                                    gap: 1,
                                    borderLeft: `4px solid ${style.main ?? 'transparent'}`,
                                    bgcolor: style.tint ?? undefined,
                                    px: 1,
                                    py: 0.5,
                                    borderRadius: 1,
                                }}
                            >
                                {style.check ? <CheckCircleIcon sx={{ fontSize: 16, color: style.main ?? undefined }} /> : null}
                                <Typography
                                    component={Link}
                                    to={clientsWithStatus(status)}
                                    variant="body2"
                                    sx={{ flex: 1, color: 'inherit', textDecoration: 'none' }}
                                >
                                    {translate(`cascade.status.${status}`)}
                                </Typography>
                                <Typography variant="body2" fontWeight={600}>
                                    {counts?.[status] ?? '–'}
                                </Typography>
                            </Box>
                        );
                    })}
                </Box>
                {overUsed ? (
                    <Box sx={{ display: 'flex', alignItems: 'center', gap: 1, mt: 1.5, px: 1 }} data-testid="over-used-count">
                        <WarningAmberIcon color="warning" sx={{ fontSize: 18 }} />
                        <Typography variant="body2" sx={{ flex: 1 }}>
                            {translate('cascade.usage.dashboard')}
                        </Typography>
                        <Typography variant="body2" fontWeight={600}>
                            {overUsed}
                        </Typography>
                    </Box>
                ) : null}
            </CardContent>
        </Card>
    );
};
