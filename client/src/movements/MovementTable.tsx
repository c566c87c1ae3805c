import { DataTable, ReferenceField, TextField, useLocaleState, useRecordContext, useTranslate } from 'react-admin';
import { actorText } from '../misc/actorText';
import { formatDateTime } from '../misc/dates';
import { MovementKindField } from './MovementKindField';

const CreatedAt = (_props: { source?: string }) => {
    const record = useRecordContext();
    const [locale] = useLocaleState();
    return <>{formatDateTime(record?.created_at, locale)}</>;
};

const PoolName = ({ source }: { source: string }) => (
    <ReferenceField source={source} reference="pools" link={false} emptyText="—">
        <TextField source="holder_name" />
    </ReferenceField>
);

/** The ledger's columns, shared by the movements list and a client's page. */
export const MovementTable = ({ showClient = true }: { showClient?: boolean }) => {
    const translate = useTranslate();
    return (
        <DataTable bulkActionButtons={false} rowClick={false}>
            <DataTable.Col source="created_at" field={CreatedAt} />
            <DataTable.Col source="kind" field={MovementKindField} disableSort />
            <DataTable.Col source="product_id" disableSort>
                <ReferenceField source="product_id" reference="products" link={false} />
            </DataTable.Col>
            <DataTable.NumberCol source="quantity" disableSort />
            <DataTable.Col source="from_pool_id" disableSort>
                <PoolName source="from_pool_id" />
            </DataTable.Col>
            <DataTable.Col source="to_pool_id" disableSort>
                <PoolName source="to_pool_id" />
            </DataTable.Col>
            {showClient ? (
                <DataTable.Col source="client_id" disableSort>
                    <ReferenceField source="client_id" reference="clients" link="show" emptyText="—" />
                </DataTable.Col>
            ) : null}
            <DataTable.Col source="actor" disableSort render={record => actorText(translate, record.actor)} />
            <DataTable.Col source="reason" disableSort />
        </DataTable>
    );
};
