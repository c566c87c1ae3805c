import { Edit, SimpleForm, type Identifier } from 'react-admin';
import { RecordTitle } from '../misc/RecordTitle';
import { useLocalizedSave } from '../misc/useLocalizedSave';
import { ClientInputs } from './ClientInputs';

const ClientEditForm = () => {
    const save = useLocalizedSave();
    return (
        <SimpleForm onSubmit={save}>
            <ClientInputs existing />
        </SimpleForm>
    );
};

/**
 * Renames the client, sets its reference, moves it to another reseller of its partner. Saved on the
 * server before leaving (pessimistic), so a refused reference stays on its field. The id comes from the
 * route unless given.
 */
export const ClientEdit = ({ id }: { id?: Identifier }) => (
    <Edit id={id} title={<RecordTitle message="cascade.clients.edit_title" />} mutationMode="pessimistic" redirect="show">
        <ClientEditForm />
    </Edit>
);

export default ClientEdit;
