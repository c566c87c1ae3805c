import { BooleanInput, Edit, SimpleForm } from 'react-admin';
import { useLocalizedSave } from '../misc/useLocalizedSave';
import { WebhookInputs } from './WebhookInputs';

const WebhookEditForm = () => {
    const save = useLocalizedSave();
    return (
        <SimpleForm onSubmit={save}>
            <WebhookInputs />
            <BooleanInput source="active" />
        </SimpleForm>
    );
};

/** Change an endpoint's URL or events, deactivate it, or delete it (the toolbar's button). */
export const WebhookEdit = () => (
    <Edit mutationMode="pessimistic" redirect="show">
        <WebhookEditForm />
    </Edit>
);

export default WebhookEdit;
