import {
    DataTable,
    EditButton,
    Pagination,
    ReferenceField,
    ReferenceManyField,
    Show,
    TabbedShowLayout,
    TextField,
    TopToolbar,
    useRecordContext,
} from 'react-admin';
import { DateOnlyField } from '../misc/DateOnlyField';
import { MovementTable } from '../movements/MovementTable';
import { NameWithCheck } from '../status/NameWithCheck';
import { AutoRenewToggle } from '../subscriptions/AutoRenewToggle';
import { SeatsWithSchedule } from '../subscriptions/ScheduledChange';
import { SubscriptionActions } from '../subscriptions/SubscriptionActions';
import { statusRowSx } from '../status/rowSx';
import { StatusField } from '../status/StatusField';
import { StatusLegend } from '../status/StatusLegend';
import { ClientTerms } from './ClientTerms';
import { UndoCreationButton } from './UndoCreationButton';
import { AddProductButton } from './AddProductButton';

const ClientTitle = () => {
    const record = useRecordContext();
    return <>{record?.name ?? ''}</>;
};

/** The subscriptions of the client in context, renewable, coloured by status. */
export const ClientSubscriptions = () => {
    const client = useRecordContext();
    return (
        <ReferenceManyField reference="subscriptions" target="client_id" sort={{ field: 'end_date', order: 'ASC' }}>
            <StatusLegend />
            <DataTable rowSx={statusRowSx} bulkActionButtons={false} rowClick={false}>
                <DataTable.Col source="product_id" disableSort>
                    <NameWithCheck>
                        <ReferenceField source="product_id" reference="products" link={false} />
                    </NameWithCheck>
                </DataTable.Col>
                <DataTable.Col source="status" field={StatusField} />
                <DataTable.Col source="start_date" field={DateOnlyField} />
                <DataTable.Col source="end_date" field={DateOnlyField} />
                <DataTable.NumberCol source="years" />
                <DataTable.Col source="seats" label="resources.clients.fields.seats" align="right">
                    <SeatsWithSchedule />
                </DataTable.Col>
                <DataTable.Col source="auto_renew" disableSort>
                    <AutoRenewToggle />
                </DataTable.Col>
                <DataTable.Col label={false} disableSort align="right">
                    <SubscriptionActions clientName={client?.name} />
                </DataTable.Col>
            </DataTable>
        </ReferenceManyField>
    );
};

/**
 * A client's page: its subscriptions (renew, undo, seats, schedule, auto-renewal, history), their
 * term history and its ledger rows; "Annuler la création" while the client's undo window is open.
 */
const ClientShowActions = () => (
    <TopToolbar>
        <AddProductButton />
        <EditButton />
        <UndoCreationButton />
    </TopToolbar>
);

export const ClientShow = () => (
    <Show title={<ClientTitle />} actions={<ClientShowActions />}>
        <TabbedShowLayout>
            <TabbedShowLayout.Tab label="cascade.clients.subscriptions">
                <TextField source="name" />
                <TextField source="reference" emptyText="—" />
                <StatusField source="status" label="resources.clients.fields.status" />
                <DateOnlyField source="end_date" label="resources.clients.fields.end_date" />
                <ReferenceField source="partner_id" reference="partners" link="show" />
                <ReferenceField source="reseller_id" reference="resellers" link="show" emptyText="—" />
                <ClientSubscriptions />
            </TabbedShowLayout.Tab>
            <TabbedShowLayout.Tab label="cascade.clients.terms" path="terms">
                <ClientTerms />
            </TabbedShowLayout.Tab>
            <TabbedShowLayout.Tab label="cascade.clients.movements" path="movements">
                <ReferenceManyField
                    reference="movements"
                    target="client_id"
                    sort={{ field: 'created_at', order: 'DESC' }}
                    perPage={25}
                    pagination={<Pagination />}
                >
                    <MovementTable showClient={false} />
                </ReferenceManyField>
            </TabbedShowLayout.Tab>
        </TabbedShowLayout>
    </Show>
);

export default ClientShow;
