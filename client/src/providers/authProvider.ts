import { fetchUtils, type AuthProvider, type UserIdentity } from 'react-admin';
import { canAccessWith, type Permissions, type Role } from './permissions';

const AUTH_URL = '/api/auth';

/** Where a login whose organisation requires 2FA, and who has none yet, is sent (the account page). */
export const TOTP_SETUP_PATH = '/account';

/** The logged-in user as GET /api/auth/me (and the login answer) describes it. */
export interface Account {
    id: number;
    email: string;
    name: string;
    role: Role;
    organisation: { type: 'publisher' | 'partner' | 'reseller'; id: number | null; name: string };
    totp_enabled: boolean;
    /** The organisation requires 2FA and this login has none yet: only the account page works. */
    totp_required: boolean;
    /** The console's language this login chose (PUT /api/auth/locale). */
    locale?: 'fr' | 'en';
}

export interface CascadeIdentity extends UserIdentity {
    email: string;
    role: Role;
    organisation: Account['organisation'];
    totp_enabled: boolean;
    totp_required: boolean;
    locale?: Account['locale'];
}

/** Same origin, so the session cookie (httpOnly, SameSite=Strict) goes with every request. */
export const authRequest = (path: string, init: fetchUtils.Options = {}) =>
    fetchUtils.fetchJson(`${AUTH_URL}${path}`, { credentials: 'same-origin', ...init });

export const postAuth = async <T>(path: string, body: unknown = {}): Promise<T> =>
    (await authRequest(path, { method: 'POST', body: JSON.stringify(body) })).json as T;

/** react-admin asks checkAuth on every page: /api/auth/me is asked at most once per this delay. */
const ACCOUNT_TTL_MS = 15_000;
let cached: { at: number; account: Promise<Account> } | null = null;

/** The current account, from a short cache (`fresh` skips it). Rejects with the HttpError of /me (401 when logged out). */
export const currentAccount = (fresh = false): Promise<Account> => {
    if (!fresh && cached && Date.now() - cached.at < ACCOUNT_TTL_MS) return cached.account;
    const account = authRequest('/me').then(({ json }) => json as Account);
    const entry = { at: Date.now(), account };
    cached = entry;
    account.catch(() => {
        if (cached === entry) cached = null;
    });
    return account;
};

/** Forget the cached account (after a logout, a 401, or a change of 2FA). */
export const forgetAccount = () => {
    cached = null;
};

const remember = (account: Account) => {
    cached = { at: Date.now(), account: Promise.resolve(account) };
};

const statusOf = (error: unknown): number | undefined => (error as { status?: number } | null)?.status;
const codeOf = (error: unknown): string | undefined => (error as { body?: { code?: string } } | null)?.body?.code;

export const permissionsOf = (account: Account): Permissions => ({
    role: account.role,
    partnerId: account.organisation.type === 'partner' ? account.organisation.id : null,
    resellerId: account.organisation.type === 'reseller' ? account.organisation.id : null,
});

export interface LoginParams {
    email: string;
    password: string;
    /** The 6-digit TOTP code or a recovery code, on the second step. */
    code?: string;
}

/**
 * Sessions with an httpOnly cookie (DESIGN §3 Logins). A failed login rejects with the server's
 * HttpError (its body carries `code`: invalid_credentials, totp_required, invalid_totp,
 * too_many_attempts), which the login page turns into words.
 */
export const authProvider = {
    login: async ({ email, password, code }: LoginParams) => {
        const account = await postAuth<Account>('/login', { email, password, ...(code ? { code } : {}) });
        remember(account);
        return account.totp_required ? { redirectTo: TOTP_SETUP_PATH } : undefined;
    },
    logout: async () => {
        const hadSession = cached !== null;
        forgetAccount();
        try {
            // After a 401 there is no session left to close: skip the request.
            if (hadSession) await postAuth('/logout');
        } catch {
            // Already logged out on the server: nothing more to do.
        }
    },
    checkAuth: async () => {
        try {
            await currentAccount();
        } catch (error) {
            // A first visit goes to the login page quietly; an expired session says so.
            throw { message: codeOf(error) === 'session_expired' ? 'cascade.errors.session_expired' : false };
        }
    },
    checkError: async (error: unknown) => {
        const status = statusOf(error);
        if (status === 401) {
            forgetAccount();
            throw { message: codeOf(error) === 'session_expired' ? 'cascade.errors.session_expired' : false };
        }
        if (status === 403 && codeOf(error) === 'totp_enrolment_required') {
            forgetAccount();
            throw {
                logoutUser: false,
                redirectTo: TOTP_SETUP_PATH,
                message: 'cascade.errors.totp_enrolment_required',
            };
        }
        // Other refusals (403 forbidden, 404, 409…) are the page's business: stay logged in.
    },
    getIdentity: async (): Promise<CascadeIdentity> => {
        const account = await currentAccount();
        return {
            id: account.id,
            fullName: account.name,
            email: account.email,
            role: account.role,
            organisation: account.organisation,
            totp_enabled: account.totp_enabled,
            totp_required: account.totp_required,
            locale: account.locale,
        };
    },
    getPermissions: async (): Promise<Permissions> => permissionsOf(await currentAccount()),
    canAccess: async ({ action, resource }: { action: string; resource: string }) => {
        try {
            return canAccessWith(permissionsOf(await currentAccount()), action, resource);
        } catch {
            return false;
        }
    },
} satisfies AuthProvider;
