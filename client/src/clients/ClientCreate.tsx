import { Create, SimpleForm, usePermissions } from 'react-admin';
import type { Permissions } from '../providers/permissions';
import { useLocalizedSave } from '../misc/useLocalizedSave';
import { ClientInputs, ownerDefaults, SubscriptionLinesInput, useNewSubscriptionLine } from './ClientInputs';
import { ConsumptionSummary } from './ConsumptionSummary';

const ClientCreateForm = () => {
    const save = useLocalizedSave();
    const { permissions } = usePermissions<Permissions>();
    const line = useNewSubscriptionLine();
    // The form starts once the server's day is known (its first line starts that day).
    if (!line) return null;
    return (
        <SimpleForm
            defaultValues={() => ({ ...ownerDefaults(permissions), subscriptions: [line] })}
            onSubmit={save}
        >
            <ClientInputs />
            <SubscriptionLinesInput />
            <ConsumptionSummary />
        </SimpleForm>
    );
};

/** Creates the client and its first terms in one request; server errors land on the fields, translated. */
export const ClientCreate = () => (
    <Create redirect="show" title="cascade.clients.create_title">
        <ClientCreateForm />
    </Create>
);

export default ClientCreate;
