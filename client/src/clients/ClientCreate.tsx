import { Create, SimpleForm } from 'react-admin';
import { useLocalizedSave } from '../misc/useLocalizedSave';
import { ClientInputs, newSubscriptionLine } from './ClientInputs';

const ClientCreateForm = () => {
    const save = useLocalizedSave();
    return (
        <SimpleForm defaultValues={() => ({ subscriptions: [newSubscriptionLine()] })} onSubmit={save}>
            <ClientInputs />
        </SimpleForm>
    );
};

/** Creates the client and its first terms in one request; server errors land on the fields, translated. */
export const ClientCreate = () => (
    <Create redirect="show">
        <ClientCreateForm />
    </Create>
);

export default ClientCreate;
