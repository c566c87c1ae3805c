import { DeleteButton, Edit, SaveButton, SimpleForm, Toolbar, useGetIdentity, useRecordContext } from 'react-admin';
import { useLocalizedSave } from '../misc/useLocalizedSave';
import { RecordTitle } from '../misc/RecordTitle';
import { userPayload } from './userModel';
import { UserInputs } from './UserInputs';

/** Save, and delete unless it is one's own login (the server refuses that). */
const UserToolbar = () => {
    const record = useRecordContext();
    const { identity } = useGetIdentity();
    return (
        <Toolbar sx={{ justifyContent: 'space-between' }}>
            <SaveButton />
            {record && identity && record.id !== identity.id ? <DeleteButton mutationMode="pessimistic" /> : null}
        </Toolbar>
    );
};

const UserEditForm = () => {
    const save = useLocalizedSave();
    return (
        <SimpleForm onSubmit={save} toolbar={<UserToolbar />}>
            <UserInputs />
        </SimpleForm>
    );
};

export const UserEdit = () => (
    <Edit mutationMode="pessimistic" transform={userPayload} redirect="list" title={<RecordTitle message="cascade.users.edit_title" />}>
        <UserEditForm />
    </Edit>
);

export default UserEdit;
