import { lazy, Suspense } from 'react';
import { Box, Stack, useMediaQuery, type Theme } from '@mui/material';
import {
    DataTable,
    EditButton,
    Pagination,
    ReferenceField,
    ReferenceManyField,
    Show,
    TabbedShowLayout,
    TabbedShowLayoutTabs,
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
import { SubscriptionCards, wrappingActions } from './SubscriptionCards';
import { OverUsedBadge } from '../subscriptions/OverUsedBadge';

// recharts stays out of the client page's first download: the usage charts come with their reports.
const UsageCharts = lazy(() => import('../subscriptions/UsageChart'));

// A scheduled change wraps inside its cell, as the actions do (wrappingActions), so the table fits
// a 1280 px screen with the menu open and Renouveler stays in view.
const wrappingSchedule = () => ({ '& [data-testid="scheduled-change"]': { whiteSpace: 'normal' } });
// Narrower cell padding below 1536 px, where eight columns share the width beside the menu.
const compactCells = { '& .MuiTableCell-root': { px: { md: 1, xl: 2 } } };

const ClientTitle = () => {
    const record = useRecordContext();
    return <>{record?.name ?? ''}</>;
};

/** The subscriptions of the client in context, renewable, coloured by status; cards on a phone. */
export const ClientSubscriptions = () => {
    const client = useRecordContext();
    const isSmall = useMediaQuery<Theme>(theme => theme.breakpoints.down('md'));
    return (
        <ReferenceManyField reference="subscriptions" target="client_id" sort={{ field: 'end_date', order: 'ASC' }}>
            <StatusLegend />
            {isSmall ? (
                <SubscriptionCards clientName={client?.name} />
            ) : (
                <DataTable rowSx={statusRowSx} bulkActionButtons={false} rowClick={false} sx={compactCells}>
                    <DataTable.Col source="product_id" disableSort>
                        <NameWithCheck>
                            <ReferenceField source="product_id" reference="products" link={false} />
                        </NameWithCheck>
                    </DataTable.Col>
                    <DataTable.Col source="status">
                        <Stack spacing={0.5} alignItems="flex-start">
                            <StatusField />
                            <OverUsedBadge />
                        </Stack>
                    </DataTable.Col>
                    <DataTable.Col source="start_date" field={DateOnlyField} />
                    <DataTable.Col source="end_date" field={DateOnlyField} />
                    <DataTable.NumberCol source="years" />
                    <DataTable.Col source="seats" label="resources.clients.fields.seats" align="right" cellSx={wrappingSchedule}>
                        <SeatsWithSchedule />
                    </DataTable.Col>
                    <DataTable.Col source="auto_renew" disableSort>
                        <AutoRenewToggle />
                    </DataTable.Col>
                    <DataTable.Col label={false} disableSort align="right" cellSx={() => wrappingActions}>
                        <SubscriptionActions clientName={client?.name} />
                    </DataTable.Col>
                </DataTable>
            )}
            <Suspense fallback={null}>
                <UsageCharts />
            </Suspense>
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
        <EditButton label="cascade.clients.edit" />
        <UndoCreationButton />
    </TopToolbar>
);

export const ClientShow = () => (
    <Show title={<ClientTitle />} actions={<ClientShowActions />}>
        <TabbedShowLayout tabs={<TabbedShowLayoutTabs variant="scrollable" scrollButtons="auto" />}>
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
                <Box sx={{ overflowX: 'auto' }}>
                    <ClientTerms />
                </Box>
            </TabbedShowLayout.Tab>
            <TabbedShowLayout.Tab label="cascade.clients.movements" path="movements">
                <ReferenceManyField
                    reference="movements"
                    target="client_id"
                    sort={{ field: 'created_at', order: 'DESC' }}
                    perPage={25}
                    pagination={<Pagination />}
                >
                    <Box sx={{ overflowX: 'auto' }}>
                        <MovementTable showClient={false} />
                    </Box>
                </ReferenceManyField>
            </TabbedShowLayout.Tab>
        </TabbedShowLayout>
    </Show>
);

export default ClientShow;
