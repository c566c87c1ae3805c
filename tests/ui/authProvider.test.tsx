import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { HttpError } from 'react-admin';
import { authProvider, forgetAccount, TOTP_SETUP_PATH } from '../../client/src/providers/authProvider';
import { assignableRoles, canAccessWith } from '../../client/src/providers/permissions';

const partnerAccount = {
    id: 7,
    email: 'partenaire@alliance.example',
    name: 'Paul Partenaire',
    role: 'partner',
    organisation: { type: 'partner', id: 1, name: 'Alliance Informatique' },
    totp_enabled: false,
    totp_required: false,
};

const json = (status: number, body: unknown) =>
    new Response(JSON.stringify(body), { status, headers: { 'Content-Type': 'application/json' } });

describe('authProvider', () => {
    let fetchMock: ReturnType<typeof vi.fn>;
    beforeEach(() => {
        forgetAccount();
        fetchMock = vi.fn();
        vi.stubGlobal('fetch', fetchMock);
    });
    afterEach(() => vi.unstubAllGlobals());

    it('checkError rejects a 401 (react-admin then logs out), quietly unless the session expired', async () => {
        await expect(authProvider.checkError(new HttpError('Authentication required', 401, { code: 'unauthenticated' }))).rejects.toEqual({ message: false });
        await expect(authProvider.checkError(new HttpError('expired', 401, { code: 'session_expired' }))).rejects.toEqual({
            message: 'cascade.errors.session_expired',
        });
    });

    it('checkError sends a login without the 2FA its organisation requires to the set-up page, logged in', async () => {
        const refusal = new HttpError('enable it first', 403, { code: 'totp_enrolment_required' });
        await expect(authProvider.checkError(refusal)).rejects.toEqual({
            logoutUser: false,
            redirectTo: TOTP_SETUP_PATH,
            message: 'cascade.errors.totp_enrolment_required',
        });
    });

    it('checkError lets other refusals through: a forbidden action, a missing record, a conflict', async () => {
        await expect(authProvider.checkError(new HttpError('no', 403, { code: 'forbidden' }))).resolves.toBeUndefined();
        await expect(authProvider.checkError(new HttpError('not found', 404, {}))).resolves.toBeUndefined();
        await expect(authProvider.checkError(new HttpError('short', 409, { code: 'insufficient_licenses' }))).resolves.toBeUndefined();
    });

    it('login posts the credentials (and the code) and keeps the account for identity and permissions', async () => {
        fetchMock.mockResolvedValueOnce(json(200, partnerAccount));
        await expect(authProvider.login({ email: 'partenaire@alliance.example', password: 'secret', code: '123456' })).resolves.toBeUndefined();
        const [url, init] = fetchMock.mock.calls[0];
        expect(url).toBe('/api/auth/login');
        expect(init.method).toBe('POST');
        expect(init.credentials).toBe('same-origin');
        expect(JSON.parse(init.body)).toEqual({ email: 'partenaire@alliance.example', password: 'secret', code: '123456' });
        // No second request: checkAuth, identity and permissions use the login's answer.
        await authProvider.checkAuth();
        await expect(authProvider.getIdentity()).resolves.toMatchObject({
            id: 7,
            fullName: 'Paul Partenaire',
            organisation: { name: 'Alliance Informatique' },
        });
        await expect(authProvider.getPermissions()).resolves.toEqual({ role: 'partner', partnerId: 1, resellerId: null });
        await expect(authProvider.canAccess({ action: 'list', resource: 'resellers' })).resolves.toBe(true);
        await expect(authProvider.canAccess({ action: 'grant', resource: 'partners' })).resolves.toBe(false);
        expect(fetchMock).toHaveBeenCalledTimes(1);
    });

    it('login sends a login whose organisation requires 2FA to the set-up page', async () => {
        fetchMock.mockResolvedValueOnce(json(200, { ...partnerAccount, totp_required: true }));
        await expect(authProvider.login({ email: 'a@b.fr', password: 'x' })).resolves.toEqual({ redirectTo: TOTP_SETUP_PATH });
    });

    it('login rejects with the server refusal and its code', async () => {
        fetchMock.mockResolvedValueOnce(json(401, { message: 'Enter the code', code: 'totp_required' }));
        await expect(authProvider.login({ email: 'a@b.fr', password: 'x' })).rejects.toMatchObject({
            status: 401,
            body: { code: 'totp_required' },
        });
    });

    it('checkAuth asks /api/auth/me and rejects without a session (quietly on a first visit)', async () => {
        fetchMock.mockResolvedValueOnce(json(401, { message: 'Authentication required', code: 'unauthenticated' }));
        await expect(authProvider.checkAuth()).rejects.toEqual({ message: false });
        expect(fetchMock.mock.calls[0][0]).toBe('/api/auth/me');
        fetchMock.mockResolvedValueOnce(json(200, partnerAccount));
        await expect(authProvider.checkAuth()).resolves.toBeUndefined();
    });

    it('logout closes the session on the server and forgets the account', async () => {
        fetchMock.mockResolvedValueOnce(json(200, partnerAccount)).mockResolvedValueOnce(json(200, { ok: true }));
        await authProvider.login({ email: 'a@b.fr', password: 'x' });
        await authProvider.logout();
        expect(fetchMock.mock.calls[1][0]).toBe('/api/auth/logout');
        fetchMock.mockResolvedValueOnce(json(401, { code: 'unauthenticated' }));
        await expect(authProvider.checkAuth()).rejects.toBeDefined();
    });
});

describe('role rules mirrored from the server', () => {
    const as = (role: 'admin' | 'partner' | 'reseller') => ({ role, partnerId: null, resellerId: null });
    it.each([
        ['admin', 'grant', 'partners', true],
        ['partner', 'grant', 'partners', false],
        ['partner', 'edit', 'products', false],
        ['partner', 'allocate', 'resellers', true],
        ['reseller', 'allocate', 'resellers', false],
        ['reseller', 'list', 'partners', false],
        ['reseller', 'list', 'resellers', false],
        ['reseller', 'list', 'clients', true],
        ['reseller', 'create', 'clients', true],
        ['reseller', 'list', 'users', true],
        ['reseller', 'list', 'access_log', false],
        ['partner', 'list', 'access_log', true],
        ['reseller', 'list', 'changes', true],
        ['partner', 'require_totp', 'resellers', false],
        ['admin', 'require_totp', 'resellers', true],
    ] as const)('%s may %s %s: %s', (role, action, resource, allowed) => {
        expect(canAccessWith(as(role), action, resource)).toBe(allowed);
    });

    it('nothing without a login', () => {
        expect(canAccessWith(undefined, 'list', 'clients')).toBe(false);
    });

    it('only admins give the admin role; a reseller only its own', () => {
        expect(assignableRoles('admin')).toEqual(['admin', 'partner', 'reseller']);
        expect(assignableRoles('partner')).toEqual(['partner', 'reseller']);
        expect(assignableRoles('reseller')).toEqual(['reseller']);
    });
});
