import { Chip, useMediaQuery, type Theme } from '@mui/material';
import { DataTable, List, TopToolbar, useRecordContext, useTranslate } from 'react-admin';
import { DateTimeField } from '../misc/DateTimeField';
import { CreateApiKeyButton } from './CreateApiKeyButton';
import { RevokeApiKeyButton } from './RevokeApiKeyButton';
import { apiKeyStatus, type ApiKeyRecord } from './apiKeyModel';

const STATUS_COLOR = { active: 'success', expired: 'default', revoked: 'error' } as const;

const ApiKeyStatusField = () => {
    const key = useRecordContext<ApiKeyRecord>();
    const translate = useTranslate();
    if (!key) return null;
    const status = apiKeyStatus(key);
    return <Chip size="small" color={STATUS_COLOR[status]} label={translate(`cascade.api_keys.status.${status}`)} />;
};

const ListActions = () => (
    <TopToolbar>
        <CreateApiKeyButton />
    </TopToolbar>
);

/** "Clés API": the organisation's keys (the server lists only the caller's organisation's). */
export const ApiKeyList = () => {
    const isSmall = useMediaQuery<Theme>(theme => theme.breakpoints.down('md'));
    const translate = useTranslate();
    return (
        <List actions={<ListActions />} sort={{ field: 'id', order: 'DESC' }} perPage={25} exporter={false} empty={false}>
            {/* On a phone: the name, the status and the revoke button (the rest would not fit). */}
            <DataTable rowClick={false} bulkActionButtons={false}>
                <DataTable.Col source="name" />
                {isSmall ? null : <DataTable.Col source="prefix" render={(key: ApiKeyRecord) => `${key.prefix}…`} />}
                {isSmall ? null : <DataTable.Col source="scope" render={(key: ApiKeyRecord) => translate(`cascade.api_keys.scope.${key.scope}`)} />}
                {isSmall ? null : <DataTable.Col source="expires_at" field={DateTimeField} />}
                {isSmall ? null : <DataTable.Col source="last_used_at" field={DateTimeField} />}
                <DataTable.Col label="cascade.api_keys.status_label" disableSort>
                    <ApiKeyStatusField />
                </DataTable.Col>
                <DataTable.Col label="cascade.api_keys.actions" disableSort>
                    <RevokeApiKeyButton />
                </DataTable.Col>
            </DataTable>
        </List>
    );
};

export default ApiKeyList;
