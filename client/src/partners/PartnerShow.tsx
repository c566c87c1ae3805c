import {
    DataTable,
    ReferenceManyField,
    Show,
    TabbedShowLayout,
    TextField,
    useRecordContext,
} from 'react-admin';
import { PoolTable } from '../pools/PoolTable';
import { RequireTotpSwitch } from '../misc/RequireTotpSwitch';
import { ClientsOfOrganisation } from '../clients/ClientsOfOrganisation';
import { BillingIdentity } from '../misc/BillingIdentity';

const Name = () => <>{useRecordContext()?.name ?? ''}</>;

/** A partner: its pools, its resellers and its clients. */
export const PartnerShow = () => (
    <Show title={<Name />}>
        <TabbedShowLayout>
            <TabbedShowLayout.Tab label="cascade.pools.title">
                <TextField source="name" />
                <TextField source="email" />
                <RequireTotpSwitch label="resources.partners.fields.require_totp" />
                <ReferenceManyField reference="pools" target="partner_id" filter={{ holder_type: 'partner' }}>
                    <PoolTable />
                </ReferenceManyField>
            </TabbedShowLayout.Tab>
            <TabbedShowLayout.Tab label="cascade.partners.resellers" path="resellers">
                <ReferenceManyField reference="resellers" target="partner_id" sort={{ field: 'name', order: 'ASC' }}>
                    <DataTable rowClick="show" bulkActionButtons={false}>
                        <DataTable.Col source="name" />
                        <DataTable.Col source="email" />
                    </DataTable>
                </ReferenceManyField>
            </TabbedShowLayout.Tab>
            <TabbedShowLayout.Tab label="cascade.billing_identity.tab" path="billing">
                <BillingIdentity resource="partners" />
            </TabbedShowLayout.Tab>
            <TabbedShowLayout.Tab label="cascade.partners.clients" path="clients">
                <ClientsOfOrganisation target="partner_id" />
            </TabbedShowLayout.Tab>
        </TabbedShowLayout>
    </Show>
);

export default PartnerShow;
