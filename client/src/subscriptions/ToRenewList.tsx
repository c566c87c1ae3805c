import { useMediaQuery, type Theme } from '@mui/material';
import {
    DataTable,
    ExportButton,
    List,
    ReferenceField,
    ReferenceInput,
    SearchInput,
    SelectInput,
    SimpleList,
    TopToolbar,
    useLocaleState,
    useTranslate,
    type RaRecord,
} from 'react-admin';
import type { Subscription } from '../providers/dataProvider';
import { DateOnlyField } from '../misc/DateOnlyField';
import { formatDate } from '../misc/dates';
import { NameWithCheck } from '../status/NameWithCheck';
import { BulkRenewButton, BulkRenewHost } from './BulkRenewButton';
import { SeatsWithSchedule } from './ScheduledChange';
import { SubscriptionActions } from './SubscriptionActions';
import { statusRowSx } from '../status/rowSx';
import { StatusLegend } from '../status/StatusLegend';

const toRenewFilters = [
    <SearchInput key="q" source="q" alwaysOn />,
    <SelectInput
        key="status"
        source="status"
        choices={[
            { id: 'expiring', name: 'cascade.status.expiring' },
            { id: 'expired', name: 'cascade.status.expired' },
        ]}
    />,
    <ReferenceInput key="product_id" source="product_id" reference="products">
        <SelectInput optionText="code" />
    </ReferenceInput>,
    <ReferenceInput key="reseller_id" source="reseller_id" reference="resellers">
        <SelectInput optionText="name" />
    </ReferenceInput>,
];

const STORE_KEY = 'subscriptions.toRenew';

const clientLink = (_id: unknown, _resource: string, record: RaRecord) => `/clients/${record.client_id}/show`;

const Actions = () => (
    <TopToolbar>
        <ExportButton />
    </TopToolbar>
);

/**
 * "Clients à renouveler" (DESIGN §5): expiring or expired subscriptions, soonest end first; select
 * rows to renew them at once.
 */
export const ToRenewList = () => {
    const translate = useTranslate();
    const [locale] = useLocaleState();
    const isSmall = useMediaQuery<Theme>(theme => theme.breakpoints.down('md'));
    return (
        <BulkRenewHost resource="subscriptions" storeKey={STORE_KEY}>
            <List
                resource="subscriptions"
                filter={{ to_renew: true }}
                filters={toRenewFilters}
                sort={{ field: 'end_date', order: 'ASC' }}
                perPage={25}
                storeKey={STORE_KEY}
                title={translate('cascade.to_renew.title')}
                actions={<Actions />}
                empty={false}
            >
                <StatusLegend statuses={['expiring', 'expired', 'renewed']} />
                {isSmall ? (
                    <SimpleList<Subscription>
                        primaryText={<NameWithCheck source="client_name" />}
                        secondaryText={record =>
                            `${formatDate(record.start_date, locale)} → ${formatDate(record.end_date, locale)}`
                        }
                        tertiaryText={record => `${record.seats} × ${record.years}`}
                        rowSx={statusRowSx}
                        rowClick={clientLink}
                    />
                ) : (
                    <DataTable<Subscription> rowSx={statusRowSx} rowClick={clientLink} bulkActionButtons={<BulkRenewButton />}>
                        <DataTable.Col source="client_name" field={NameWithCheck} />
                        <DataTable.Col source="product_id" disableSort>
                            <ReferenceField source="product_id" reference="products" link={false} />
                        </DataTable.Col>
                        <DataTable.Col source="reseller_id" disableSort>
                            <ReferenceField source="reseller_id" reference="resellers" link={false} emptyText="—" />
                        </DataTable.Col>
                        <DataTable.Col source="start_date" field={DateOnlyField} />
                        <DataTable.Col source="end_date" field={DateOnlyField} />
                        <DataTable.NumberCol source="years" />
                        <DataTable.Col source="seats" align="right">
                            <SeatsWithSchedule />
                        </DataTable.Col>
                        <DataTable.Col label={false} disableSort align="right">
                            <SubscriptionActions />
                        </DataTable.Col>
                    </DataTable>
                )}
            </List>
        </BulkRenewHost>
    );
};

export default ToRenewList;
