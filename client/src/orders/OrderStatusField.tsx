import { Chip } from '@mui/material';
import { useRecordContext, useTranslate } from 'react-admin';
import type { Order, OrderStatus } from '../providers/dataProvider';

/** One colour per order status: waiting stands out, delivered is green, refused red, cancelled grey. */
export const ORDER_STATUS_COLOURS: Record<OrderStatus, 'warning' | 'success' | 'error' | 'default'> = {
    submitted: 'warning',
    fulfilled: 'success',
    refused: 'error',
    cancelled: 'default',
};

export const OrderStatusField = (_props: { label?: string; source?: string }) => {
    const order = useRecordContext<Order>();
    const translate = useTranslate();
    if (!order) return null;
    return <Chip size="small" color={ORDER_STATUS_COLOURS[order.status]} label={translate(`cascade.orders.status.${order.status}`)} />;
};
