import { useMediaQuery, type Theme } from '@mui/material';
import { Box } from '@mui/material';
import { DataTable, List, SelectInput, SimpleList, TextInput, useLocaleState, useTranslate, type RaRecord } from 'react-admin';
import { DateTimeField } from '../misc/DateTimeField';
import { formatDateTime } from '../misc/dates';
import { changeLines } from './changeLines';
import { actorText } from '../misc/actorText';

const RESOURCES = ['clients', 'subscriptions', 'partners', 'resellers', 'products', 'users', 'api_keys', 'webhooks'];
const ACTIONS = ['create', 'update', 'delete', 'change_seats', 'undo_renewal', 'undo_creation', 'revoke'];

const filters = [
    <SelectInput
        key="resource"
        source="resource"
        choices={RESOURCES.map(resource => ({ id: resource, name: `resources.${resource}.name` }))}
        translateChoice
        alwaysOn
    />,
    <SelectInput
        key="action"
        source="action"
        choices={ACTIONS.map(action => ({ id: action, name: `cascade.change_action.${action}` }))}
        alwaysOn
    />,
    <TextInput key="actor" source="actor" />,
];

/** "Historique des modifications": who changed what, newest first, within the caller's scope. */
export const ChangeList = () => {
    const isSmall = useMediaQuery<Theme>(theme => theme.breakpoints.down('md'));
    const translate = useTranslate();
    const [locale] = useLocaleState();
    const lines = (record: Record<string, any>) => changeLines(record as { resource: string; data: unknown }, translate, locale);
    const actionText = (record: Record<string, any>) => translate(`cascade.change_action.${record.action}`, { _: record.action });
    const resourceText = (record: Record<string, any>) =>
        translate(`resources.${record.resource}.name`, { smart_count: 1, _: record.resource });
    return (
        <List filters={filters} sort={{ field: 'id', order: 'DESC' }} perPage={50}>
            {isSmall ? (
                <SimpleList<RaRecord>
                    primaryText={record => `${actionText(record)} · ${resourceText(record)} #${record.record_id}`}
                    secondaryText={record => [actorText(translate, record.actor), ...lines(record)].join(' · ')}
                    tertiaryText={record => formatDateTime(record.created_at, locale)}
                    rowClick={false}
                />
            ) : (
                <DataTable bulkActionButtons={false} rowClick={false}>
                    <DataTable.Col source="created_at" field={DateTimeField} />
                    <DataTable.Col source="actor" render={record => actorText(translate, record.actor)} />
                    <DataTable.Col source="action" render={actionText} />
                    <DataTable.Col source="resource" render={resourceText} />
                    <DataTable.NumberCol source="record_id" />
                    <DataTable.Col
                        source="data"
                        disableSort
                        render={record => (
                            <Box component="ul" sx={{ m: 0, pl: 2 }}>
                                {lines(record).map((line, index) => (
                                    <li key={index}>{line}</li>
                                ))}
                            </Box>
                        )}
                    />
                </DataTable>
            )}
        </List>
    );
};

export default ChangeList;
