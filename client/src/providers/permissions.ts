/**
 * What each role may see and do in the console (DESIGN §1), so that the UI hides what the
 * server would refuse. The server enforces the same rules; this is only their mirror.
 */
export type Role = 'admin' | 'partner' | 'reseller';

/** What getPermissions() returns: the role and the organisation of the login. */
export interface Permissions {
    role: Role;
    /** The partner of a partner login (a reseller's partner is not known from /api/auth/me). */
    partnerId: number | null;
    /** The reseller of a reseller login. */
    resellerId: number | null;
}

const ALL: readonly Role[] = ['admin', 'partner', 'reseller'];
const ADMIN: readonly Role[] = ['admin'];
const CHANNEL: readonly Role[] = ['admin', 'partner'];

/** Who may read (list, show, export) each resource; absent = everyone. */
const readers: Record<string, readonly Role[]> = {
    partners: CHANNEL,
    resellers: CHANNEL,
    access_log: CHANNEL,
    // everyone reads prices (the order dialog does), but the "Tarifs" page is the publisher's
    prices: ADMIN,
    // Not a resource: the console's API reference page.
    api_reference: ADMIN,
};

/** Who may write (create, edit, delete) each resource, and the custom actions; absent = nobody. */
const writers: Record<string, Partial<Record<string, readonly Role[]>>> = {
    products: { create: ADMIN, edit: ADMIN, delete: ADMIN },
    prices: { create: ADMIN, edit: ADMIN, delete: ADMIN },
    partners: { create: ADMIN, edit: ADMIN, delete: ADMIN, grant: ADMIN, require_totp: ADMIN },
    resellers: { create: CHANNEL, edit: CHANNEL, delete: CHANNEL, allocate: CHANNEL, require_totp: ADMIN },
    clients: { create: ALL, edit: ALL, undo: ALL },
    subscriptions: { renew: ALL, seats: ALL, cancel: ALL, edit: ALL, undo: ALL, bulk_renew: ALL },
    users: { create: ALL, edit: ALL, delete: ALL },
    // Keys are managed by the logins that manage their organisation's users (delete = revoke).
    api_keys: { create: ALL, delete: ALL },
    // An organisation's own endpoints, managed by the logins that manage its users (every login).
    webhooks: { create: ALL, edit: ALL, delete: ALL },
    webhook_deliveries: { retry: ALL },
};

const READ_ACTIONS = new Set(['list', 'show', 'export']);

/**
 * Whether a role may take an action on a resource (react-admin's canAccess vocabulary:
 * list, show, create, edit, delete, export, plus ours: allocate, grant, renew, seats, cancel, undo,
 * bulk_renew, require_totp).
 * Unknown permissions (no login yet) may do nothing.
 */
export const canAccessWith = (permissions: Permissions | undefined | null, action: string, resource: string): boolean => {
    const role = permissions?.role;
    if (!role) return false;
    if (READ_ACTIONS.has(action)) return (readers[resource] ?? ALL).includes(role);
    return writers[resource]?.[action]?.includes(role) ?? false;
};

/** The roles a caller may give to a login it creates or edits (only admins create admins). */
export const assignableRoles = (callerRole: Role | undefined): Role[] => {
    switch (callerRole) {
        case 'admin':
            return ['admin', 'partner', 'reseller'];
        case 'partner':
            return ['partner', 'reseller'];
        case 'reseller':
            return ['reseller'];
        default:
            return [];
    }
};
