import { Alert, Typography } from '@mui/material';
import { useGetList, useTranslate } from 'react-admin';
import { useWatch } from 'react-hook-form';
import { lineConsumption, totalConsumption, type SubscriptionLine } from './consumption';

/** Licenses the new client will consume: Σ seats × years, live as the user types. */
export const ConsumptionSummary = () => {
    const translate = useTranslate();
    const lines = useWatch<{ subscriptions?: SubscriptionLine[] }>({ name: 'subscriptions' }) as
        | SubscriptionLine[]
        | undefined;
    const { data: products } = useGetList('products', {
        pagination: { page: 1, perPage: 100 },
        sort: { field: 'id', order: 'ASC' },
    });
    const codeOf = (id: unknown) => products?.find(product => product.id === id)?.code ?? '?';
    const total = totalConsumption(lines);
    return (
        <Alert severity="info" icon={false} sx={{ width: '100%', mt: 1 }}>
            <Typography variant="subtitle2" data-testid="consumption-total">
                {translate('cascade.clients.consumption', { total })}
            </Typography>
            {(lines ?? []).map((line, index) =>
                line.product_id != null && lineConsumption(line) > 0 ? (
                    <Typography variant="caption" component="div" key={index}>
                        {translate('cascade.clients.consumption_line', {
                            product: codeOf(line.product_id),
                            seats: line.seats,
                            years: line.years,
                            total: lineConsumption(line),
                        })}
                    </Typography>
                ) : null,
            )}
        </Alert>
    );
};
