import { useMediaQuery, type Theme } from '@mui/material';
import {
    CreateButton,
    DataTable,
    FilterButton,
    List,
    ReferenceField,
    SimpleList,
    TopToolbar,
    useLocaleState,
    useTranslate,
    type RaRecord,
} from 'react-admin';
import { DateOnlyField } from '../misc/DateOnlyField';
import { ServerExportButton } from '../misc/ServerExportButton';
import { formatDate } from '../misc/dates';
import { statusRowSx } from '../status/rowSx';
import { NameWithCheck } from '../status/NameWithCheck';
import { StatusField } from '../status/StatusField';
import { StatusLegend } from '../status/StatusLegend';
import { clientFilters } from './ClientListFilter';

const ClientListActions = () => (
    <TopToolbar>
        <FilterButton />
        <CreateButton />
        <ServerExportButton resource="clients" />
    </TopToolbar>
);

/** "Liste des clients": rows coloured by status (DESIGN §2) with the legend. */
export const ClientList = () => {
    const isSmall = useMediaQuery<Theme>(theme => theme.breakpoints.down('md'));
    const translate = useTranslate();
    const [locale] = useLocaleState();
    return (
        <List
            filters={clientFilters}
            actions={<ClientListActions />}
            sort={{ field: 'name', order: 'ASC' }}
            perPage={25}
        >
            <StatusLegend />
            {isSmall ? (
                <SimpleList<RaRecord>
                    primaryText={<NameWithCheck source="name" />}
                    secondaryText={record =>
                        [record.reference, translate(`cascade.status.${record.status}`, { _: record.status ?? '' })]
                            .filter(Boolean)
                            .join(' · ')
                    }
                    tertiaryText={record => formatDate(record.end_date, locale)}
                    rowSx={statusRowSx}
                    rowClick="show"
                />
            ) : (
                <DataTable rowSx={statusRowSx} rowClick="show" bulkActionButtons={false}>
                    <DataTable.Col source="name" field={NameWithCheck} />
                    <DataTable.Col source="reference" />
                    <DataTable.Col source="status" field={StatusField} />
                    <DataTable.Col source="end_date" field={DateOnlyField} />
                    <DataTable.Col source="partner_id" disableSort>
                        <ReferenceField source="partner_id" reference="partners" link={false} />
                    </DataTable.Col>
                    <DataTable.Col source="reseller_id" disableSort>
                        <ReferenceField source="reseller_id" reference="resellers" link={false} emptyText="—" />
                    </DataTable.Col>
                </DataTable>
            )}
        </List>
    );
};

export default ClientList;
