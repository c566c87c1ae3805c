import { useState } from 'react';
import { Button, DialogContentText, TextField } from '@mui/material';
import { useDataProvider, useLocaleState, useTranslate } from 'react-admin';
import type { CascadeDataProvider, Order, OrderLineInput } from '../providers/dataProvider';
import { useLicenseAction } from '../misc/useLicenseAction';
import { ActionDialog } from '../misc/ActionDialog';
import { formatCents } from '../misc/money';
import type { ErrorBody } from '../misc/errorMessage';
import { ORDER_QUERIES } from './NewOrderDialog';

export type Decision = 'fulfil' | 'refuse' | 'cancel';

/** The line a supplier short of licences can order from its own supplier, from a 409's details. */
const shortfallOf = (error: unknown): OrderLineInput | null => {
    const body = (error as { body?: ErrorBody } | null)?.body;
    const details = body?.code === 'insufficient_licenses' ? body.details : undefined;
    return details && typeof details.shortfall === 'number' && details.product_id !== undefined
        ? { product_id: details.product_id, quantity: details.shortfall }
        : null;
};

/**
 * Confirms a decision on a submitted order: the supplier accepts (the licences move, the invoice is
 * issued) or refuses with a reason; the buyer cancels. A supplier short of licences is offered to
 * order the difference (`onOrderShortfall`).
 */
export const OrderDecisionDialog = ({
    order,
    decision,
    onClose,
    onOrderShortfall,
}: {
    order: Order;
    decision: Decision;
    onClose: () => void;
    onOrderShortfall?: (line: OrderLineInput) => void;
}) => {
    const translate = useTranslate();
    const [locale] = useLocaleState();
    const dataProvider = useDataProvider<CascadeDataProvider>();
    const [reason, setReason] = useState('');
    const action = useLicenseAction<Order, void>({
        action: key =>
            decision === 'fulfil'
                ? dataProvider.fulfilOrder(order.id, key)
                : decision === 'refuse'
                  ? dataProvider.refuseOrder(order.id, reason.trim())
                  : dataProvider.cancelOrder(order.id),
        refresh: ORDER_QUERIES,
        success: () => translate(`cascade.orders.${decision}.done`, { id: order.id }),
        onDone: onClose,
    });
    const shortfall = decision === 'fulfil' ? shortfallOf(action.error) : null;
    const canSubmit = !action.pending && (decision !== 'refuse' || reason.trim() !== '');
    return (
        <ActionDialog
            title={translate(`cascade.orders.${decision}.title`, { id: order.id })}
            action={action}
            canSubmit={canSubmit}
            onSubmit={() => action.run()}
            onClose={onClose}
            cancelLabel="cascade.orders.back"
            okLabel={`cascade.orders.${decision}.ok`}
            errorTestId="order-decision-error"
            errorExtra={
                shortfall && onOrderShortfall ? (
                    <Button size="small" sx={{ display: 'block', mt: 1 }} onClick={() => onOrderShortfall(shortfall)}>
                        {translate('cascade.orders.order_shortfall', { smart_count: shortfall.quantity })}
                    </Button>
                ) : null
            }
        >
            <DialogContentText>
                {translate(`cascade.orders.${decision}.text`, {
                    buyer: order.buyer_name,
                    total: formatCents(order.total_incl_vat_cents, locale),
                })}
            </DialogContentText>
            {decision === 'refuse' ? (
                <TextField
                    label={translate('cascade.orders.refuse.reason')}
                    value={reason}
                    onChange={event => {
                        action.reset();
                        setReason(event.target.value);
                    }}
                    required
                    multiline
                    minRows={2}
                    slotProps={{ htmlInput: { maxLength: 500 } }}
                    autoFocus
                />
            ) : null}
        </ActionDialog>
    );
};
