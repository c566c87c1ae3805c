import {
    AutocompleteInput,
    BooleanInput,
    email,
    minLength,
    PasswordInput,
    ReferenceInput,
    required,
    SelectInput,
    TextInput,
    useGetIdentity,
    usePermissions,
    useRecordContext,
} from 'react-admin';
import { useWatch } from 'react-hook-form';
import type { Permissions } from '../providers/permissions';
import { MIN_PASSWORD_LENGTH, roleChoices } from './userModel';

/**
 * A login's inputs. The role choices and the organisation inputs follow the caller's role: a
 * partner's logins stay in its organisation (its partner id is locked), a reseller's in its own.
 * One's own role and activity cannot be changed (the server refuses it too).
 */
export const UserInputs = ({ create = false }: { create?: boolean }) => {
    const { permissions } = usePermissions<Permissions>();
    const { identity } = useGetIdentity();
    const record = useRecordContext();
    const role = useWatch({ name: 'role' });
    const callerRole = permissions?.role;
    const isSelf = !create && record != null && identity != null && record.id === identity.id;
    // The role choices depend on the caller's role: nothing to show before it is known.
    if (!callerRole) return null;
    return (
        <>
            <TextInput source="email" type="email" validate={[required(), email()]} autoComplete="off" />
            <TextInput source="name" validate={required()} />
            <SelectInput
                source="role"
                choices={roleChoices(callerRole)}
                validate={required()}
                readOnly={isSelf}
                helperText={isSelf ? 'cascade.users.own_login' : false}
            />
            {role === 'partner' ? (
                <ReferenceInput source="partner_id" reference="partners" sort={{ field: 'name', order: 'ASC' }}>
                    <AutocompleteInput optionText="name" validate={required()} readOnly={callerRole !== 'admin'} />
                </ReferenceInput>
            ) : null}
            {role === 'reseller' ? (
                <ReferenceInput source="reseller_id" reference="resellers" sort={{ field: 'name', order: 'ASC' }}>
                    <AutocompleteInput optionText="name" validate={required()} readOnly={callerRole === 'reseller'} />
                </ReferenceInput>
            ) : null}
            <PasswordInput
                source="password"
                autoComplete="new-password"
                validate={create ? [required(), minLength(MIN_PASSWORD_LENGTH)] : [minLength(MIN_PASSWORD_LENGTH)]}
                helperText={create ? 'cascade.users.password_rule' : 'cascade.users.password_keep'}
            />
            <BooleanInput source="active" readOnly={isSelf} />
        </>
    );
};
