import { Bar, BarChart, CartesianGrid, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import { Box, Stack, Typography, useMediaQuery, useTheme } from '@mui/material';
import { useLocaleState, useTranslate } from 'react-admin';
import type { DueMonth } from '../providers/dataProvider';
import { formatMonth } from '../misc/dates';

// Dark enough for its legend text to read on white (WCAG AA).
const SUBSCRIPTIONS_COLOUR = '#00796b';

/**
 * The two series named under the chart. Drawn by us rather than by recharts' <Legend>, which
 * measures itself once mounted and makes the whole chart render again (the first screen's
 * longest task).
 */
const SeriesLegend = ({ series }: { series: { label: string; colour: string }[] }) => (
    <Stack
        direction="row"
        spacing={3}
        justifyContent="center"
        component="ul"
        data-testid="chart-legend"
        sx={{ listStyle: 'none', m: 0, p: 0 }}
    >
        {series.map(({ label, colour }) => (
            <Stack key={label} direction="row" spacing={1} alignItems="center" component="li">
                <Box sx={{ width: 12, height: 12, borderRadius: 0.5, bgcolor: colour }} />
                <Typography variant="body2" sx={{ color: colour }}>
                    {label}
                </Typography>
            </Stack>
        ))}
    </Stack>
);

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
    // On a phone twelve month labels do not fit side by side: they slant instead of overlapping.
    const narrow = useMediaQuery(theme.breakpoints.down('sm'));
    const tick = { fill: theme.palette.text.secondary, fontSize: narrow ? 11 : 12 };
    const axisLabel = (value: string, angle: number, colour: string) => ({
        value,
        angle,
        position: angle < 0 ? ('insideLeft' as const) : ('insideRight' as const),
        style: { textAnchor: 'middle' as const, fill: colour, fontSize: 12 },
    });
    return (
        <>
            <ResponsiveContainer width="100%" height={270}>
                <BarChart data={rows} margin={{ top: 8, right: 8, bottom: 0, left: 8 }}>
                    <CartesianGrid strokeDasharray="3 3" stroke={theme.palette.divider} />
                    {/* interval 0: every tick shown, so none is measured in the DOM to decide which to hide */}
                    <XAxis
                        dataKey="label"
                        tick={tick}
                        interval={0}
                        angle={narrow ? -60 : 0}
                        textAnchor={narrow ? 'end' : 'middle'}
                        height={narrow ? 50 : 30}
                    />
                    <YAxis
                        yAxisId="subscriptions"
                        orientation="left"
                        allowDecimals={false}
                        interval={0}
                        tick={tick}
                        stroke={SUBSCRIPTIONS_COLOUR}
                        label={axisLabel(subscriptionsLabel, -90, SUBSCRIPTIONS_COLOUR)}
                    />
                    <YAxis
                        yAxisId="seats"
                        orientation="right"
                        allowDecimals={false}
                        interval={0}
                        tick={tick}
                        stroke={theme.palette.primary.main}
                        label={axisLabel(seatsLabel, 90, theme.palette.primary.main)}
                    />
                    <Tooltip
                        contentStyle={{ background: theme.palette.background.paper, borderColor: theme.palette.divider }}
                    />
                    <Bar
                        yAxisId="subscriptions"
                        dataKey="subscriptions"
                        name={subscriptionsLabel}
                        fill={SUBSCRIPTIONS_COLOUR}
                        radius={[4, 4, 0, 0]}
                        isAnimationActive={false}
                    />
                    <Bar
                        yAxisId="seats"
                        dataKey="seats"
                        name={seatsLabel}
                        fill={theme.palette.primary.main}
                        radius={[4, 4, 0, 0]}
                        isAnimationActive={false}
                    />
                </BarChart>
            </ResponsiveContainer>
            <SeriesLegend
                series={[
                    { label: subscriptionsLabel, colour: SUBSCRIPTIONS_COLOUR },
                    { label: seatsLabel, colour: theme.palette.primary.main },
                ]}
            />
        </>
    );
};

export default DueChart;
