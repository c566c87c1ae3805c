import {
    DataTable,
    ListContextProvider,
    ReferenceField,
    useGetList,
    useList,
    useRecordContext,
    useTranslate,
} from 'react-admin';
import { Typography } from '@mui/material';
import { DateOnlyField } from '../misc/DateOnlyField';

/** Every term of every subscription of the client in context, latest first. */
export const ClientTerms = () => {
    const client = useRecordContext();
    const translate = useTranslate();
    const { data: subscriptions } = useGetList(
        'subscriptions',
        {
            filter: { client_id: client?.id },
            pagination: { page: 1, perPage: 100 },
            sort: { field: 'end_date', order: 'ASC' },
        },
        { enabled: client?.id != null },
    );
    const ids = (subscriptions ?? []).map(subscription => subscription.id);
    const { data: terms, isPending } = useGetList(
        'terms',
        {
            filter: { subscription_id: ids },
            pagination: { page: 1, perPage: 1000 },
            sort: { field: 'start_date', order: 'DESC' },
        },
        { enabled: ids.length > 0 },
    );
    const productOf = (subscriptionId: unknown) =>
        subscriptions?.find(subscription => subscription.id === subscriptionId)?.product_id;
    const rows = (terms ?? []).map(term => ({ ...term, product_id: productOf(term.subscription_id) }));
    const listContext = useList({ data: rows, isPending: ids.length > 0 && isPending, perPage: 1000 });
    if (subscriptions && ids.length === 0) {
        return <Typography variant="body2">{translate('ra.navigation.no_results')}</Typography>;
    }
    return (
        <ListContextProvider value={listContext}>
            <DataTable resource="terms" bulkActionButtons={false} rowClick={false}>
                <DataTable.Col source="subscription_id" disableSort>
                    <ReferenceField source="product_id" reference="products" link={false} />
                </DataTable.Col>
                <DataTable.Col source="start_date" field={DateOnlyField} disableSort />
                <DataTable.Col source="end_date" field={DateOnlyField} disableSort />
                <DataTable.NumberCol source="years" disableSort />
                <DataTable.NumberCol source="seats" disableSort />
                <DataTable.Col
                    source="origin"
                    disableSort
                    render={term => (term.origin ? translate(`cascade.history.origin.${term.origin}`) : '')}
                />
            </DataTable>
        </ListContextProvider>
    );
};
