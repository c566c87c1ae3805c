import { Fragment, memo, useDeferredValue } from 'react';
import { Card, CardHeader, Table, TableBody, TableCell, TableHead, TableRow, Typography, useMediaQuery, type Theme } from '@mui/material';
import { useQuery } from '@tanstack/react-query';
import { useDataProvider, usePermissions, useTranslate } from 'react-admin';
import type { CascadeDataProvider, DashboardPool, ForecastRow } from '../providers/dataProvider';
import type { Permissions } from '../providers/permissions';
import { NewOrderButton } from '../orders/NewOrderButton';

/** Whether the pool is the login's own: only its holder can order for it. */
const isOwnPool = (row: ForecastRow, permissions: Permissions | undefined) =>
    row.holder_type === 'reseller'
        ? permissions?.role === 'reseller' && String(permissions.resellerId) === String(row.holder_id)
        : permissions?.role === 'partner' && String(permissions.partnerId) === String(row.holder_id);

/**
 * "Prévision de stock": per pool with renewals due within 90 days, the licences they will need
 * against its balance (GET /api/forecast); a shortfall in red, with "Commander" for its holder.
 * Loaded after the first screen (it brings the order dialog).
 */
export const ForecastCard = ({ pools }: { pools: DashboardPool[] }) => {
    const dataProvider = useDataProvider<CascadeDataProvider>();
    const { data } = useQuery({ queryKey: ['forecast'], queryFn: () => dataProvider.forecast() });
    // rendered in a deferred pass, in slices (layout/Deferred.tsx says why)
    return <ForecastTable data={useDeferredValue(data)} pools={pools} />;
};

const ForecastTable = memo(({ data, pools }: { data: ForecastRow[] | undefined; pools: DashboardPool[] }) => {
    const translate = useTranslate();
    const { permissions } = usePermissions<Permissions>();
    // a phone has no room for a fifth column: the verdict goes on a row of its own
    const isSmall = useMediaQuery<Theme>(theme => theme.breakpoints.down('sm'));
    const poolById = new Map(pools.map(pool => [String(pool.id), pool]));
    const rows = (data ?? []).filter(row => row.due_90 > 0).sort((a, b) => b.shortfall_90 - a.shortfall_90);
    return (
        <Card sx={{ height: '100%' }}>
            <CardHeader title={translate('cascade.forecast.title')} slotProps={{ title: { variant: 'subtitle1', component: 'h2' } }} />
            {data && rows.length === 0 ? (
                <Typography variant="body2" color="text.secondary" sx={{ px: 2, pb: 2 }}>
                    {translate('cascade.forecast.empty')}
                </Typography>
            ) : (
                <Table size="small">
                    <TableHead>
                        <TableRow>
                            <TableCell>{translate('cascade.forecast.holder')}</TableCell>
                            <TableCell align="right">{translate('cascade.forecast.balance')}</TableCell>
                            <TableCell align="right">{translate('cascade.forecast.due_30')}</TableCell>
                            <TableCell align="right">{translate('cascade.forecast.due_90')}</TableCell>
                            {isSmall ? null : <TableCell />}
                        </TableRow>
                    </TableHead>
                    <TableBody>
                        {rows.map(row => {
                            const pool = poolById.get(String(row.pool_id));
                            const verdict =
                                row.shortfall_90 > 0 ? (
                                            <>
                                                <Typography variant="body2" sx={{ color: 'error.main', fontWeight: 600 }}>
                                                    {translate('cascade.forecast.shortfall', { smart_count: row.shortfall_90 })}
                                                </Typography>
                                                {isOwnPool(row, permissions) ? (
                                                    <NewOrderButton
                                                        label="cascade.forecast.order"
                                                        lines={[{ product_id: row.product_id, quantity: row.shortfall_90 }]}
                                                    />
                                                ) : null}
                                            </>
                                        ) : (
                                            <Typography variant="body2" color="text.secondary">
                                                {translate('cascade.forecast.enough')}
                                            </Typography>
                                        );
                            return (
                                <Fragment key={String(row.pool_id)}>
                                    <TableRow data-testid={`forecast-${row.pool_id}`} sx={isSmall ? { '& td': { borderBottom: 0 } } : undefined}>
                                        <TableCell>
                                            {pool?.product_code ?? ''}
                                            <Typography variant="caption" color="text.secondary" component="div">
                                                {pool?.holder_name ?? ''}
                                            </Typography>
                                        </TableCell>
                                        <TableCell align="right">{row.balance}</TableCell>
                                        <TableCell align="right">{row.due_30}</TableCell>
                                        <TableCell align="right">{row.due_90}</TableCell>
                                        {isSmall ? null : <TableCell>{verdict}</TableCell>}
                                    </TableRow>
                                    {isSmall ? (
                                        <TableRow data-testid={`forecast-${row.pool_id}-verdict`}>
                                            <TableCell colSpan={4}>{verdict}</TableCell>
                                        </TableRow>
                                    ) : null}
                                </Fragment>
                            );
                        })}
                    </TableBody>
                </Table>
            )}
        </Card>
    );
});

export default ForecastCard;
