import { Create, SimpleForm } from 'react-admin';
import { ClientInputs, newSubscriptionLine } from './ClientInputs';

/** Creates the client and its first terms in one request; server errors land on the fields. */
export const ClientCreate = () => (
    <Create redirect="show">
        <SimpleForm defaultValues={() => ({ subscriptions: [newSubscriptionLine()] })}>
            <ClientInputs />
        </SimpleForm>
    </Create>
);

export default ClientCreate;
