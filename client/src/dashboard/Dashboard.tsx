import { lazy, memo, Suspense, useDeferredValue, useRef } from 'react';
import { Alert, Card, CardContent, CardHeader, Grid, Skeleton } from '@mui/material';
import { Title, useTranslate } from 'react-admin';
import { ToRenewCard } from './ToRenewCard';
import { StatusCounts } from './StatusCounts';
import { PoolsCard } from './PoolsCard';
import { useDashboard } from './useDashboard';
import { useOnScreen } from '../misc/useOnScreen';
import { useMountedInTransition } from '../layout/Deferred';

const DueChart = lazy(() => import('./DueChart'));
const ForecastCard = lazy(() => import('./ForecastCard'));

const ChartSkeleton = () => <Skeleton variant="rounded" height={300} data-testid="chart-skeleton" />;

/**
 * Small presentational cards over one GET /api/dashboard, and the lazy chart and stock forecast.
 * The figures render in a deferred pass, in slices (layout/Deferred.tsx says why). On a phone the
 * chart comes after the pools, below the first screen, and is drawn when scrolled to: recharts'
 * render is one long task (~0.5 s on a slow phone) that no slicing splits.
 */
export const Dashboard = () => {
    const { data, error } = useDashboard();
    return <DashboardCards data={useDeferredValue(data)} error={error} />;
};

const DashboardCards = memo(({ data, error }: Pick<ReturnType<typeof useDashboard>, 'data' | 'error'>) => {
    const translate = useTranslate();
    // the forecast mounts in a transition, rendered in short slices between paints
    const forecastMounted = useMountedInTransition();
    const chartBox = useRef<HTMLDivElement>(null);
    const chartOnScreen = useOnScreen(chartBox, data !== undefined);
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
            <Grid size={{ xs: 12, lg: 4 }}>
                <PoolsCard pools={data?.pools} />
            </Grid>
            <Grid size={{ xs: 12, lg: 8 }}>
                <Card sx={{ height: '100%' }}>
                    <CardHeader
                        title={translate('cascade.dashboard.due_by_month')}
                        slotProps={{ title: { variant: 'subtitle1' } }}
                    />
                    <CardContent ref={chartBox}>
                        {data && chartOnScreen ? (
                            <Suspense fallback={<ChartSkeleton />}>
                                <DueChart data={data.due_by_month} />
                            </Suspense>
                        ) : (
                            <ChartSkeleton />
                        )}
                    </CardContent>
                </Card>
            </Grid>
            {data && forecastMounted ? (
                <Grid size={12}>
                    <Suspense fallback={null}>
                        <ForecastCard pools={data.pools} />
                    </Suspense>
                </Grid>
            ) : null}
        </Grid>
    );
});

export default Dashboard;
