import { Bar, BarChart, CartesianGrid, Legend, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import { useTheme } from '@mui/material';
import { useLocaleState, useTranslate } from 'react-admin';
import type { DueMonth } from '../providers/dataProvider';
import { formatMonth } from '../misc/dates';

const SUBSCRIPTIONS_COLOUR = '#26a69a';

/**
 * Subscriptions and seats due per month (next 12 months). Seats run to hundreds where
 * subscriptions stay in tens, so each has its own axis: subscriptions on the left,
 * seats on the right. Lazy-loaded: recharts is heavy.
 */
const DueChart = ({ data }: { data: DueMonth[] }) => {
    const translate = useTranslate();
    const theme = useTheme();
    const [locale] = useLocaleState();
    const rows = data.map(row => ({ ...row, label: formatMonth(row.month, locale) }));
    const subscriptionsLabel = translate('cascade.dashboard.due_subscriptions');
    const seatsLabel = translate('cascade.dashboard.due_seats');
    const tick = { fill: theme.palette.text.secondary, fontSize: 12 };
    const axisLabel = (value: string, angle: number, colour: string) => ({
        value,
        angle,
        position: angle < 0 ? ('insideLeft' as const) : ('insideRight' as const),
        style: { textAnchor: 'middle' as const, fill: colour, fontSize: 12 },
    });
    return (
        <ResponsiveContainer width="100%" height={300}>
            <BarChart data={rows} margin={{ top: 8, right: 8, bottom: 0, left: 8 }}>
                <CartesianGrid strokeDasharray="3 3" stroke={theme.palette.divider} />
                <XAxis dataKey="label" tick={tick} />
                <YAxis
                    yAxisId="subscriptions"
                    orientation="left"
                    allowDecimals={false}
                    tick={tick}
                    stroke={SUBSCRIPTIONS_COLOUR}
                    label={axisLabel(subscriptionsLabel, -90, SUBSCRIPTIONS_COLOUR)}
                />
                <YAxis
                    yAxisId="seats"
                    orientation="right"
                    allowDecimals={false}
                    tick={tick}
                    stroke={theme.palette.primary.main}
                    label={axisLabel(seatsLabel, 90, theme.palette.primary.main)}
                />
                <Tooltip
                    contentStyle={{ background: theme.palette.background.paper, borderColor: theme.palette.divider }}
                />
                <Legend />
                <Bar
                    yAxisId="subscriptions"
                    dataKey="subscriptions"
                    name={subscriptionsLabel}
                    fill={SUBSCRIPTIONS_COLOUR}
                    radius={[4, 4, 0, 0]}
                />
                <Bar
                    yAxisId="seats"
                    dataKey="seats"
                    name={seatsLabel}
                    fill={theme.palette.primary.main}
                    radius={[4, 4, 0, 0]}
                />
            </BarChart>
        </ResponsiveContainer>
    );
};

export default DueChart;
