import { useMediaQuery, type Theme } from '@mui/material';
import { List, ReferenceInput, SelectInput, SimpleList, TopToolbar, useLocaleState, useTranslate, type RaRecord } from 'react-admin';
import { ServerExportButton } from '../misc/ServerExportButton';
import { actorText } from '../misc/actorText';
import { formatDateTime } from '../misc/dates';
import { movementKindChoices, movementText } from './MovementKindField';
import { MovementTable } from './MovementTable';

const movementFilters = [
    <SelectInput key="kind" source="kind" choices={movementKindChoices} alwaysOn />,
    <ReferenceInput key="product_id" source="product_id" reference="products" alwaysOn>
        <SelectInput optionText="code" />
    </ReferenceInput>,
];

const MovementListActions = () => (
    <TopToolbar>
        <ServerExportButton resource="movements" />
    </TopToolbar>
);

/** The ledger: every pool change, latest first (read-only). */
export const MovementList = () => {
    const isSmall = useMediaQuery<Theme>(theme => theme.breakpoints.down('md'));
    const translate = useTranslate();
    const [locale] = useLocaleState();
    return (
        <List filters={movementFilters} actions={<MovementListActions />} sort={{ field: 'created_at', order: 'DESC' }} perPage={25}>
            {isSmall ? (
                <SimpleList<RaRecord>
                    primaryText={record => movementText(translate, record.kind, record.quantity)}
                    secondaryText={record => record.reason ?? actorText(translate, record.actor)}
                    tertiaryText={record => formatDateTime(record.created_at, locale)}
                    rowClick={false}
                />
            ) : (
                <MovementTable />
            )}
        </List>
    );
};

export default MovementList;
