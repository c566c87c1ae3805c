import {
    CanAccess,
    ReferenceField,
    ReferenceManyField,
    Show,
    TabbedShowLayout,
    TextField,
    TopToolbar,
    useRecordContext,
} from 'react-admin';
import { PoolTable } from '../pools/PoolTable';
import { RequireTotpSwitch } from '../misc/RequireTotpSwitch';
import { ClientsOfOrganisation } from '../clients/ClientsOfOrganisation';
import { BillingIdentity } from '../misc/BillingIdentity';
import { AllocateButton } from './AllocateButton';

const Name = () => <>{useRecordContext()?.name ?? ''}</>;

/** Allocating is for the reseller's partner and for admins (authProvider.canAccess). */
export const ResellerActions = () => (
    <TopToolbar>
        <CanAccess action="allocate" resource="resellers">
            <AllocateButton />
        </CanAccess>
    </TopToolbar>
);

/** A reseller: its pools (with the allocate dialog) and its clients. */
export const ResellerShow = () => (
    <Show title={<Name />} actions={<ResellerActions />}>
        <TabbedShowLayout>
            <TabbedShowLayout.Tab label="cascade.pools.title">
                <TextField source="name" />
                <TextField source="email" />
                <ReferenceField source="partner_id" reference="partners" link="show" />
                <RequireTotpSwitch label="resources.resellers.fields.require_totp" />
                <ReferenceManyField reference="pools" target="holder_id" filter={{ holder_type: 'reseller' }}>
                    <PoolTable />
                </ReferenceManyField>
            </TabbedShowLayout.Tab>
            <TabbedShowLayout.Tab label="cascade.billing_identity.tab" path="billing">
                <BillingIdentity resource="resellers" />
            </TabbedShowLayout.Tab>
            <TabbedShowLayout.Tab label="cascade.partners.clients" path="clients">
                <ClientsOfOrganisation target="reseller_id" />
            </TabbedShowLayout.Tab>
        </TabbedShowLayout>
    </Show>
);

export default ResellerShow;
