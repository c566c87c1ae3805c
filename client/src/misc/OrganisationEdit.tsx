import { Edit, NumberInput, SimpleForm, TextInput, type Identifier } from 'react-admin';
import { RecordTitle } from './RecordTitle';
import { useLocalizedSave } from './useLocalizedSave';

/** The identity fields an invoice needs (DESIGN §6), as inputs; the address on several lines. */
export const LegalIdentityInputs = () => (
    <>
        <TextInput source="legal_name" label="cascade.billing_identity.legal_name" />
        <TextInput source="address" label="cascade.billing_identity.address" multiline minRows={2} />
        <TextInput source="siren" label="cascade.billing_identity.siren" />
        <TextInput source="vat_number" label="cascade.billing_identity.vat_number" />
    </>
);

const OrganisationForm = () => {
    const save = useLocalizedSave();
    return (
        <SimpleForm onSubmit={save}>
            <TextInput source="name" />
            <TextInput source="email" type="email" />
            {/* The server refuses a reseller's discount above its partner's (and a partner's below one
                of its resellers'): its 400 message lands on this field. */}
            <NumberInput source="discount_percent" min={0} max={100} step={0.01} />
            <LegalIdentityInputs />
        </SimpleForm>
    );
};

/**
 * A partner's or reseller's page to edit: name, e-mail, discount and the identity its invoices
 * carry. Saved on the server before leaving (pessimistic), so a refusal stays on its field.
 * Who may open it is permissions.ts's (partners: admins; resellers: admins and their partner).
 * The id comes from the route unless given.
 */
export const OrganisationEdit = ({ id }: { id?: Identifier }) => (
    <Edit id={id} title={<RecordTitle message="cascade.organisations.edit_title" />} mutationMode="pessimistic" redirect="show">
        <OrganisationForm />
    </Edit>
);

export default OrganisationEdit;
