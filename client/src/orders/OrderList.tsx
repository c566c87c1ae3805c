import { useMediaQuery, type Theme } from '@mui/material';
import { DataTable, DateField, List, SelectInput, SimpleList, TopToolbar, useLocaleState, useTranslate } from 'react-admin';
import type { Order } from '../providers/dataProvider';
import { MoneyColumns } from './MoneyColumns';
import { formatCents } from '../misc/money';
import { SellerField } from './SellerField';
import { DocumentLines } from './DocumentLines';
import { NewOrderButton } from './NewOrderButton';
import { ServerExportButton } from '../misc/ServerExportButton';
import { OrderActions } from './OrderActions';
import { OrderStatusField } from './OrderStatusField';

const STATUS_CHOICES = ['submitted', 'fulfilled', 'refused', 'cancelled'].map(id => ({ id, name: `cascade.orders.status.${id}` }));

const filters = [<SelectInput key="status" source="status" choices={STATUS_CHOICES} alwaysOn />];

const ListActions = () => (
    <TopToolbar>
        <NewOrderButton />
        <ServerExportButton resource="orders" />
    </TopToolbar>
);

/** "Commandes": the orders in scope, newest first, decided from the row. */
export const OrderList = () => {
    const isSmall = useMediaQuery<Theme>(theme => theme.breakpoints.down('md'));
    const translate = useTranslate();
    const [locale] = useLocaleState();
    return (
        <List filters={filters} actions={<ListActions />} sort={{ field: 'id', order: 'DESC' }} perPage={25}>
            {isSmall ? (
                <SimpleList<Order>
                    primaryText={order => `${translate('cascade.orders.number', { id: order.id })} · ${order.buyer_name}`}
                    secondaryText={order =>
                        `${translate(`cascade.orders.status.${order.status}`)} · ${formatCents(order.total_incl_vat_cents, locale)}`
                    }
                    tertiaryText={() => <OrderActions />}
                    rowClick={false}
                />
            ) : (
                <DataTable bulkActionButtons={false} expand={<DocumentLines />} rowClick="expand">
                    <DataTable.Col source="id" />
                    <DataTable.Col source="created_at">
                        <DateField source="created_at" />
                    </DataTable.Col>
                    <DataTable.Col source="status">
                        <OrderStatusField />
                    </DataTable.Col>
                    <DataTable.Col source="buyer_name" />
                    <DataTable.Col source="supplier_type">
                        <SellerField side="supplier" />
                    </DataTable.Col>
                    <MoneyColumns />
                    <DataTable.Col label="cascade.orders.actions" disableSort>
                        <OrderActions />
                    </DataTable.Col>
                </DataTable>
            )}
        </List>
    );
};

export default OrderList;
