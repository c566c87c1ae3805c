import { useMediaQuery, type Theme } from '@mui/material';
import { DataTable, List, ReferenceField, ReferenceInput, SearchInput, SelectInput, SimpleList, type RaRecord } from 'react-admin';

const filters = [
    <SearchInput key="q" source="q" alwaysOn />,
    <ReferenceInput key="partner_id" source="partner_id" reference="partners">
        <SelectInput optionText="name" />
    </ReferenceInput>,
];

export const ResellerList = () => {
    const isSmall = useMediaQuery<Theme>(theme => theme.breakpoints.down('md'));
    return (
        <List filters={filters} sort={{ field: 'name', order: 'ASC' }} perPage={25}>
            {isSmall ? (
                <SimpleList<RaRecord> primaryText={record => record.name} secondaryText={record => record.email} rowClick="show" />
            ) : (
                <DataTable rowClick="show" bulkActionButtons={false}>
                    <DataTable.Col source="name" />
                    <DataTable.Col source="email" />
                    <DataTable.Col source="partner_id" disableSort>
                        <ReferenceField source="partner_id" reference="partners" link={false} />
                    </DataTable.Col>
                </DataTable>
            )}
        </List>
    );
};

export default ResellerList;
