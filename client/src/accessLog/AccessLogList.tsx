import { useMediaQuery, type Theme } from '@mui/material';
import { DataTable, List, SelectInput, SimpleList, TextInput, useLocaleState, useTranslate, type RaRecord } from 'react-admin';
import { DateTimeField } from '../misc/DateTimeField';
import { formatDateTime } from '../misc/dates';
import { accessEventChoices } from './accessEvents';

const filters = [
    <SelectInput key="event" source="event" choices={accessEventChoices} alwaysOn />,
    <TextInput key="email" source="email" alwaysOn resettable />,
];

/** "Journal des accès": logins, failures, logouts and 2FA changes, newest first (admins and partners). */
export const AccessLogList = () => {
    const isSmall = useMediaQuery<Theme>(theme => theme.breakpoints.down('md'));
    const translate = useTranslate();
    const [locale] = useLocaleState();
    const eventText = (record: Record<string, any>) => translate(`cascade.access_event.${record.event}`, { _: record.event });
    const reasonText = (record: Record<string, any>) =>
        record.reason ? translate(`cascade.access_reason.${record.reason}`, { _: record.reason }) : '';
    return (
        <List filters={filters} sort={{ field: 'id', order: 'DESC' }} perPage={50}>
            {isSmall ? (
                <SimpleList<RaRecord>
                    primaryText={record => record.email}
                    secondaryText={record => [eventText(record), reasonText(record)].filter(Boolean).join(' · ')}
                    tertiaryText={record =>
                        [formatDateTime(record.created_at, locale), record.browser, record.system].filter(Boolean).join(' · ')
                    }
                    rowClick={false}
                />
            ) : (
                <DataTable bulkActionButtons={false} rowClick={false}>
                    <DataTable.Col source="created_at" field={DateTimeField} />
                    <DataTable.Col source="event" render={eventText} />
                    <DataTable.Col source="email" />
                    <DataTable.Col source="reason" render={reasonText} disableSort />
                    <DataTable.Col source="ip" disableSort />
                    <DataTable.Col source="browser" disableSort />
                    <DataTable.Col source="system" disableSort />
                </DataTable>
            )}
        </List>
    );
};

export default AccessLogList;
