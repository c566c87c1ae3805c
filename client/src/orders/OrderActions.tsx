import { useState } from 'react';
import { Button, Stack } from '@mui/material';
import { usePermissions, useRecordContext, useTranslate } from 'react-admin';
import type { Order, OrderLineInput } from '../providers/dataProvider';
import type { Permissions } from '../providers/permissions';
import { mayOrder, orderDecisions } from './orderParties';
import { OrderDecisionDialog, type Decision } from './OrderDecisionDialog';
import { NewOrderDialog } from './NewOrderDialog';

/** Accepter / Refuser for the order's supplier, Annuler for its buyer, while it is submitted. */
export const OrderActions = (_props: { label?: string }) => {
    const order = useRecordContext<Order>();
    const translate = useTranslate();
    const { permissions } = usePermissions<Permissions>();
    const [decision, setDecision] = useState<Decision | null>(null);
    const [shortfall, setShortfall] = useState<OrderLineInput | null>(null);
    if (!order) return null;
    const may = orderDecisions(permissions, order);
    if (!may.decide && !may.cancel && !shortfall) return null;
    const open = (value: Decision) => (event: React.MouseEvent) => {
        event.stopPropagation(); // not the row's expand
        setDecision(value);
    };
    return (
        <Stack direction="row" spacing={1} onClick={event => event.stopPropagation()}>
            {may.decide ? (
                <>
                    <Button size="small" variant="contained" onClick={open('fulfil')}>
                        {translate('cascade.orders.fulfil.button')}
                    </Button>
                    <Button size="small" color="error" onClick={open('refuse')}>
                        {translate('cascade.orders.refuse.button')}
                    </Button>
                </>
            ) : null}
            {may.cancel ? (
                <Button size="small" onClick={open('cancel')}>
                    {translate('cascade.orders.cancel.button')}
                </Button>
            ) : null}
            {decision ? (
                <OrderDecisionDialog
                    order={order}
                    decision={decision}
                    onClose={() => setDecision(null)}
                    onOrderShortfall={
                        mayOrder(permissions)
                            ? line => {
                                  setDecision(null);
                                  setShortfall(line);
                              }
                            : undefined
                    }
                />
            ) : null}
            {shortfall ? <NewOrderDialog initialLines={[shortfall]} onClose={() => setShortfall(null)} /> : null}
        </Stack>
    );
};
