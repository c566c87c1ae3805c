import { useMediaQuery, type Theme } from '@mui/material';
import {
    BooleanField,
    DataTable,
    List,
    NullableBooleanInput,
    SearchInput,
    SelectInput,
    SimpleList,
    usePermissions,
    useTranslate,
    type RaRecord,
} from 'react-admin';
import type { Permissions } from '../providers/permissions';
import { DateTimeField } from '../misc/DateTimeField';
import { roleChoices } from './userModel';
import { UserOrganisationField } from './UserOrganisationField';

/** "Utilisateurs": the logins the caller manages (the server scopes the list). */
export const UserList = () => {
    const isSmall = useMediaQuery<Theme>(theme => theme.breakpoints.down('md'));
    const translate = useTranslate();
    const { permissions } = usePermissions<Permissions>();
    const filters = [
        <SearchInput key="q" source="q" alwaysOn />,
        <SelectInput key="role" source="role" choices={roleChoices(permissions?.role ?? 'admin')} />,
        <NullableBooleanInput key="active" source="active" />,
    ];
    return (
        <List filters={filters} sort={{ field: 'email', order: 'ASC' }} perPage={25} exporter={false}>
            {isSmall ? (
                <SimpleList<RaRecord>
                    primaryText={record => record.name}
                    secondaryText={record => record.email}
                    tertiaryText={record => translate(`cascade.roles.${record.role}`)}
                    rowClick="edit"
                />
            ) : (
                <DataTable rowClick="edit" bulkActionButtons={false}>
                    <DataTable.Col source="email" />
                    <DataTable.Col source="name" />
                    <DataTable.Col source="role" render={record => translate(`cascade.roles.${record.role}`)} />
                    <DataTable.Col label="cascade.users.organisation" disableSort>
                        <UserOrganisationField />
                    </DataTable.Col>
                    <DataTable.Col source="active" field={BooleanField} />
                    <DataTable.Col source="totp_enabled" field={BooleanField} />
                    <DataTable.Col source="created_at" field={DateTimeField} />
                </DataTable>
            )}
        </List>
    );
};

export default UserList;
