import { Card, CardContent, Stack, Typography } from '@mui/material';
import { RecordContextProvider, ReferenceField, useListContext, useLocaleState, useTranslate } from 'react-admin';
import { formatDate } from '../misc/dates';
import type { Subscription } from '../providers/dataProvider';
import { NameWithCheck } from '../status/NameWithCheck';
import { statusRowSx } from '../status/rowSx';
import { StatusField } from '../status/StatusField';
import { AutoRenewToggle } from '../subscriptions/AutoRenewToggle';
import { ScheduledChange } from '../subscriptions/ScheduledChange';
import { SubscriptionActions } from '../subscriptions/SubscriptionActions';
import { OverUsedBadge } from '../subscriptions/OverUsedBadge';

/**
 * The row's actions (undo, renew, menu) wrap onto a second line when the space is short, Renouveler
 * and the menu keeping one line together: in a table cell at 1280 px and on a phone's card.
 */
export const wrappingActions = {
    '& > .MuiBox-root': { flexWrap: 'wrap', whiteSpace: 'normal', justifyContent: 'flex-end', minWidth: 160 },
};

/** One subscription on a phone: product and status, its term in words, auto-renewal and the actions. */
const SubscriptionCard = ({ subscription, clientName }: { subscription: Subscription; clientName?: string }) => {
    const translate = useTranslate();
    const [locale] = useLocaleState();
    return (
        <RecordContextProvider value={subscription}>
            <Card variant="outlined" sx={statusRowSx(subscription)} data-testid="subscription-card">
                <CardContent sx={{ display: 'flex', flexDirection: 'column', gap: 1, '&:last-child': { pb: 2 } }}>
                    <Stack direction="row" spacing={1} alignItems="center" justifyContent="space-between" flexWrap="wrap">
                        <NameWithCheck>
                            <ReferenceField source="product_id" reference="products" link={false} />
                        </NameWithCheck>
                        <StatusField source="status" />
                    </Stack>
                    <OverUsedBadge />
                    <Typography variant="body2">
                        {translate('cascade.clients.term_period', {
                            start: formatDate(subscription.start_date, locale),
                            end: formatDate(subscription.end_date, locale),
                        })}
                        {' · '}
                        {translate('cascade.clients.term_years', { smart_count: subscription.years })}
                        {' · '}
                        {translate('cascade.clients.term_seats', { smart_count: subscription.seats })}
                    </Typography>
                    <ScheduledChange />
                    <Stack direction="row" spacing={1} alignItems="center">
                        <AutoRenewToggle />
                        <Typography variant="body2" color="text.secondary">
                            {translate('resources.subscriptions.fields.auto_renew')}
                        </Typography>
                    </Stack>
                    <Stack direction="row" justifyContent="flex-end" sx={wrappingActions}>
                        <SubscriptionActions clientName={clientName} />
                    </Stack>
                </CardContent>
            </Card>
        </RecordContextProvider>
    );
};

/** The client's subscriptions as cards, for screens too narrow for the table. */
export const SubscriptionCards = ({ clientName }: { clientName?: string }) => {
    const { data } = useListContext<Subscription>();
    return (
        <Stack spacing={1} sx={{ mt: 1 }}>
            {(data ?? []).map(subscription => (
                <SubscriptionCard key={subscription.id} subscription={subscription} clientName={clientName} />
            ))}
        </Stack>
    );
};
