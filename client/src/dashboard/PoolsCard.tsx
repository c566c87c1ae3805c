import { Card, CardHeader, Skeleton, Table, TableBody, TableCell, TableHead, TableRow, Typography } from '@mui/material';
import { useTranslate } from 'react-admin';
import type { DashboardPool } from '../providers/dataProvider';

interface HolderRow {
    key: string;
    name: string;
    type: DashboardPool['holder_type'];
    balances: Record<string, number>;
}

/** Pools pivoted: one row per holder, one column per product (licences restantes). */
export const pivotPools = (pools: DashboardPool[]) => {
    const products = [...new Set(pools.map(pool => pool.product_code))].sort();
    const rows = new Map<string, HolderRow>();
    for (const pool of pools) {
        const key = `${pool.holder_type}:${pool.holder_id}`;
        const row = rows.get(key) ?? { key, name: pool.holder_name, type: pool.holder_type, balances: {} };
        row.balances[pool.product_code] = (row.balances[pool.product_code] ?? 0) + pool.balance;
        rows.set(key, row);
    }
    const ordered = [...rows.values()].sort(
        (a, b) => (a.type === b.type ? a.name.localeCompare(b.name) : a.type === 'partner' ? -1 : 1),
    );
    return { products, rows: ordered };
};

export const PoolsCard = ({ pools }: { pools: DashboardPool[] | undefined }) => {
    const translate = useTranslate();
    const { products, rows } = pivotPools(pools ?? []);
    return (
        <Card sx={{ height: '100%' }}>
            <CardHeader title={translate('cascade.dashboard.pools')} slotProps={{ title: { variant: 'subtitle1' } }} />
            {pools === undefined ? (
                // the height of one holder's row (a reseller's): the chart below does not move when it comes
                <Skeleton variant="rounded" height={74} sx={{ mx: 2, mb: 2 }} />
            ) : pools.length === 0 ? (
                <Typography variant="body2" color="text.secondary" sx={{ px: 2, pb: 2 }}>
                    {translate('cascade.dashboard.no_pool')}
                </Typography>
            ) : (
                <Table size="small">
                    <TableHead>
                        <TableRow>
                            <TableCell>{translate('resources.pools.fields.holder_name')}</TableCell>
                            {products.map(code => (
                                <TableCell key={code} align="right">
                                    {code}
                                </TableCell>
                            ))}
                        </TableRow>
                    </TableHead>
                    <TableBody>
                        {rows.map(row => (
                            <TableRow key={row.key}>
                                <TableCell>
                                    {row.name}
                                    <Typography variant="caption" color="text.secondary" component="div">
                                        {translate(`cascade.pools.${row.type}`)}
                                    </Typography>
                                </TableCell>
                                {products.map(code => (
                                    <TableCell key={code} align="right" sx={{ fontWeight: 600 }}>
                                        {row.balances[code] ?? '—'}
                                    </TableCell>
                                ))}
                            </TableRow>
                        ))}
                    </TableBody>
                </Table>
            )}
        </Card>
    );
};
