import { Bar, BarChart, CartesianGrid, Legend, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import { useTheme } from '@mui/material';
import { useLocaleState, useTranslate } from 'react-admin';
import type { DueMonth } from '../providers/dataProvider';
import { formatMonth } from '../misc/dates';

/** Subscriptions and seats due per month (next 12 months). Lazy-loaded: recharts is heavy. */
const DueChart = ({ data }: { data: DueMonth[] }) => {
    const translate = useTranslate();
    const theme = useTheme();
    const [locale] = useLocaleState();
    const rows = data.map(row => ({ ...row, label: formatMonth(row.month, locale) }));
    return (
        <ResponsiveContainer width="100%" height={300}>
            <BarChart data={rows} margin={{ top: 8, right: 16, bottom: 0, left: 0 }}>
                <CartesianGrid strokeDasharray="3 3" stroke={theme.palette.divider} />
                <XAxis dataKey="label" tick={{ fill: theme.palette.text.secondary, fontSize: 12 }} />
                <YAxis allowDecimals={false} tick={{ fill: theme.palette.text.secondary, fontSize: 12 }} />
                <Tooltip
                    contentStyle={{ background: theme.palette.background.paper, borderColor: theme.palette.divider }}
                />
                <Legend />
                <Bar
                    dataKey="subscriptions"
                    name={translate('cascade.dashboard.due_subscriptions')}
                    fill="#26a69a"
                    radius={[4, 4, 0, 0]}
                />
                <Bar
                    dataKey="seats"
                    name={translate('cascade.dashboard.due_seats')}
                    fill={theme.palette.primary.main}
                    radius={[4, 4, 0, 0]}
                />
            </BarChart>
        </ResponsiveContainer>
    );
};

export default DueChart;
