import { useMediaQuery, type Theme } from '@mui/material';
import { CreateButton, DataTable, EditButton, List, SimpleList, TopToolbar, useTranslate } from 'react-admin';
import type { Webhook } from '../providers/dataProvider';
import { WebhookEventsField, WebhookStateField } from './WebhookStateField';
import { endpointState } from './webhookModel';

/** "Webhooks": the organisation's endpoints, their events and their state; a row opens its delivery log. */
export const WebhookList = () => {
    const isSmall = useMediaQuery<Theme>(theme => theme.breakpoints.down('md'));
    const translate = useTranslate();
    return (
        <List
            actions={
                <TopToolbar>
                    <CreateButton />
                </TopToolbar>
            }
            sort={{ field: 'id', order: 'ASC' }}
            perPage={25}
        >
            {isSmall ? (
                <SimpleList<Webhook>
                    primaryText={webhook => webhook.url}
                    secondaryText={webhook => translate(`cascade.webhooks.state.${endpointState(webhook)}`)}
                    linkType="show"
                />
            ) : (
                <DataTable bulkActionButtons={false} rowClick="show">
                    <DataTable.Col source="url" sx={{ wordBreak: 'break-all' }} />
                    <DataTable.Col source="events" disableSort>
                        <WebhookEventsField />
                    </DataTable.Col>
                    <DataTable.Col source="status" disableSort>
                        <WebhookStateField />
                    </DataTable.Col>
                    <DataTable.Col>
                        <EditButton />
                    </DataTable.Col>
                </DataTable>
            )}
        </List>
    );
};

export default WebhookList;
