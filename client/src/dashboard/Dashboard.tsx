import { lazy, startTransition, Suspense, useEffect, useState } from 'react';
import { Alert, Card, CardContent, CardHeader, Grid, Skeleton } from '@mui/material';
import { Title, useTranslate } from 'react-admin';
import { ToRenewCard } from './ToRenewCard';
import { StatusCounts } from './StatusCounts';
import { PoolsCard } from './PoolsCard';
import { useDashboard } from './useDashboard';

const DueChart = lazy(() => import('./DueChart'));
const ForecastCard = lazy(() => import('./ForecastCard'));

const ChartSkeleton = () => <Skeleton variant="rounded" height={300} data-testid="chart-skeleton" />;

/**
 * The chart is the heaviest render of the first screen: it mounts in a transition, which React
 * renders in short slices between paints instead of one long task that blocks the page.
 */
const useMountedInTransition = () => {
    const [mounted, setMounted] = useState(false);
    useEffect(() => startTransition(() => setMounted(true)), []);
    return mounted;
};

/** Small presentational cards over one GET /api/dashboard, and the lazy chart and stock forecast. */
export const Dashboard = () => {
    const translate = useTranslate();
    const { data, error } = useDashboard();
    const chartMounted = useMountedInTransition();
    return (
        <Grid container spacing={2} sx={{ mt: 1, mb: 2 }}>
            <Title title={translate('cascade.dashboard.title')} />
            {error ? (
                <Grid size={12}>
                    <Alert severity="error">{translate('cascade.dashboard.error')}</Alert>
                </Grid>
            ) : null}
            <Grid size={{ xs: 12, md: 4 }}>
                <ToRenewCard count={data?.clients_to_renew} />
            </Grid>
            <Grid size={{ xs: 12, md: 8 }}>
                <StatusCounts counts={data} overUsed={data?.over_used} />
            </Grid>
            <Grid size={{ xs: 12, lg: 8 }}>
                <Card sx={{ height: '100%' }}>
                    <CardHeader
                        title={translate('cascade.dashboard.due_by_month')}
                        slotProps={{ title: { variant: 'subtitle1' } }}
                    />
                    <CardContent>
                        {data && chartMounted ? (
                            <Suspense fallback={<ChartSkeleton />}>
                                <DueChart data={data.due_by_month} />
                            </Suspense>
                        ) : (
                            <ChartSkeleton />
                        )}
                    </CardContent>
                </Card>
            </Grid>
            <Grid size={{ xs: 12, lg: 4 }}>
                <PoolsCard pools={data?.pools} />
            </Grid>
            {data && chartMounted ? (
                <Grid size={12}>
                    <Suspense fallback={null}>
                        <ForecastCard pools={data.pools} />
                    </Suspense>
                </Grid>
            ) : null}
        </Grid>
    );
};

export default Dashboard;
