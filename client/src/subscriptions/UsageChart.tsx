import { useQuery } from '@tanstack/react-query';
import { Box, Typography } from '@mui/material';
import { CartesianGrid, Legend, Line, LineChart, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import { useDataProvider, useListContext, useLocaleState, useTranslate } from 'react-admin';
import type { CascadeDataProvider, Subscription } from '../providers/dataProvider';
import { formatDate } from '../misc/dates';

/**
 * The active users a subscription's reports gave over time, against its seats (recharts, loaded
 * with the client page's subscriptions only when a report exists).
 */
export const UsageChart = ({ subscription, productName }: { subscription: Subscription; productName: string }) => {
    const translate = useTranslate();
    const [locale] = useLocaleState();
    const dataProvider = useDataProvider<CascadeDataProvider>();
    const { data } = useQuery({
        queryKey: ['subscriptions', 'usage', subscription.id],
        queryFn: () => dataProvider.usageHistory(subscription.id),
    });
    if (!data || data.length === 0) return null;
    const points = data.map(report => ({
        day: formatDate(report.measured_at.slice(0, 10), locale),
        users: report.active_users,
        seats: subscription.seats,
    }));
    return (
        <Box sx={{ mt: 2 }} data-testid="usage-chart">
            <Typography variant="subtitle2" component="h3">
                {translate('cascade.usage.chart_title', { product: productName })}
            </Typography>
            <ResponsiveContainer width="100%" height={180}>
                <LineChart data={points} margin={{ top: 8, right: 16, bottom: 0, left: 0 }}>
                    <CartesianGrid strokeDasharray="3 3" />
                    <XAxis dataKey="day" tick={{ fontSize: 12 }} />
                    <YAxis allowDecimals={false} width={40} tick={{ fontSize: 12 }} />
                    <Tooltip />
                    <Legend />
                    <Line type="monotone" dataKey="users" name={translate('cascade.usage.chart_users')} stroke="#d97706" strokeWidth={2} isAnimationActive={false} />
                    <Line type="stepAfter" dataKey="seats" name={translate('cascade.usage.chart_seats')} stroke="#64748b" strokeDasharray="4 4" dot={false} isAnimationActive={false} />
                </LineChart>
            </ResponsiveContainer>
        </Box>
    );
};

/** A chart per subscription of the list in context that has usage reports (the client's page). */
export const UsageCharts = () => {
    const { data } = useListContext<Subscription>();
    const reported = (data ?? []).filter(subscription => subscription.active_users != null);
    return (
        <>
            {reported.map(subscription => (
                <UsageChart key={subscription.id} subscription={subscription} productName={String(subscription.product_name ?? '')} />
            ))}
        </>
    );
};

export default UsageCharts;
