import { Create, SimpleForm, usePermissions } from 'react-admin';
import type { Permissions } from '../providers/permissions';
import { useLocalizedSave } from '../misc/useLocalizedSave';
import { newUserDefaults, userPayload } from './userModel';
import { UserInputs } from './UserInputs';

const UserCreateForm = () => {
    const save = useLocalizedSave();
    const { permissions } = usePermissions<Permissions>();
    return (
        <SimpleForm defaultValues={newUserDefaults(permissions)} onSubmit={save}>
            <UserInputs create />
        </SimpleForm>
    );
};

export const UserCreate = () => (
    <Create redirect="list" transform={userPayload} title="cascade.users.create_title">
        <UserCreateForm />
    </Create>
);

export default UserCreate;
