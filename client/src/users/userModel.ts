import type { RaRecord } from 'react-admin';
import { assignableRoles, type Permissions, type Role } from '../providers/permissions';

export { MIN_PASSWORD_LENGTH } from '../../../shared/contract';

/** The role choices of the users form: only what the caller may give (only admins create admins). */
export const roleChoices = (callerRole: Role | undefined) =>
    assignableRoles(callerRole).map(role => ({ id: role, name: `cascade.roles.${role}` }));

/** A new login's defaults: the caller's own organisation, a role the caller may give. */
export const newUserDefaults = (permissions: Permissions | undefined) => ({
    role: permissions?.role === 'admin' ? 'partner' : (permissions?.role ?? 'reseller'),
    partner_id: permissions?.partnerId ?? null,
    reseller_id: permissions?.resellerId ?? null,
    active: true,
});

/**
 * What is sent: the organisation the role needs (a reseller login's partner is the reseller's,
 * derived by the server), and no password when it is left empty on edit (unchanged).
 */
export const userPayload = (values: RaRecord) => {
    const { password, ...rest } = values;
    return {
        ...rest,
        partner_id: values.role === 'partner' ? values.partner_id : null,
        reseller_id: values.role === 'reseller' ? values.reseller_id : null,
        ...(password ? { password } : {}),
    };
};
