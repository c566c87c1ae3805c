import { DataTable, ReferenceField } from 'react-admin';

/** Pools in a ReferenceManyField or list context: product and licences restantes. */
export const PoolTable = ({ showHolder = false }: { showHolder?: boolean }) => (
    <DataTable bulkActionButtons={false} rowClick={false}>
        {showHolder ? <DataTable.Col source="holder_name" disableSort /> : null}
        <DataTable.Col source="product_id">
            <ReferenceField source="product_id" reference="products" link={false} />
        </DataTable.Col>
        <DataTable.NumberCol source="balance" />
    </DataTable>
);
