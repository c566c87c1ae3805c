import { DataTable, Pagination, ReferenceManyField } from 'react-admin';
import { DateOnlyField } from '../misc/DateOnlyField';
import { statusRowSx } from '../status/rowSx';
import { StatusField } from '../status/StatusField';

/** The colour-coded clients of the partner or reseller shown (`target`: its id field on clients). */
export const ClientsOfOrganisation = ({ target }: { target: 'partner_id' | 'reseller_id' }) => (
    <ReferenceManyField
        reference="clients"
        target={target}
        sort={{ field: 'name', order: 'ASC' }}
        perPage={25}
        pagination={<Pagination />}
    >
        <DataTable rowSx={statusRowSx} rowClick="show" bulkActionButtons={false}>
            <DataTable.Col source="name" />
            <DataTable.Col source="status" field={StatusField} />
            <DataTable.Col source="end_date" field={DateOnlyField} />
        </DataTable>
    </ReferenceManyField>
);
