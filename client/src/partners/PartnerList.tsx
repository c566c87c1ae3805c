import { useMediaQuery, type Theme } from '@mui/material';
import { DataTable, List, SearchInput, SimpleList, type RaRecord } from 'react-admin';

const filters = [<SearchInput key="q" source="q" alwaysOn />];

export const PartnerList = () => {
    const isSmall = useMediaQuery<Theme>(theme => theme.breakpoints.down('md'));
    return (
        <List filters={filters} sort={{ field: 'name', order: 'ASC' }} perPage={25}>
            {isSmall ? (
                <SimpleList<RaRecord> primaryText={record => record.name} secondaryText={record => record.email} rowClick="show" />
            ) : (
                <DataTable rowClick="show" bulkActionButtons={false}>
                    <DataTable.Col source="name" />
                    <DataTable.Col source="email" />
                </DataTable>
            )}
        </List>
    );
};

export default PartnerList;
