import { vi } from 'vitest';
import type { ReactNode } from 'react';
import { render } from '@testing-library/react';
import { AdminContext, memoryStore, Notification, type AuthProvider, type DataProvider } from 'react-admin';
import { MemoryRouter } from 'react-router';
import { i18nProvider } from '../../client/src/i18n/i18nProvider';
import { canAccessWith, type Permissions, type Role } from '../../client/src/providers/permissions';

/**
 * The bits of a data provider a test needs; missing methods throw when called. The server's clock
 * is this one (offset 0) unless a test says otherwise.
 */
export const fakeDataProvider = (methods: Record<string, unknown>): DataProvider =>
    new Proxy<Record<string, unknown>>({ serverClockOffset: () => Promise.resolve(0), ...methods }, {
        get: (target, name) =>
            name in target
                ? target[name as string]
                : typeof name === 'string' && name !== 'then' && name !== 'supportAbortSignal'
                  ? () => Promise.reject(new Error(`fake dataProvider: ${name} not implemented`))
                  : undefined,
    }) as unknown as DataProvider;

/** A getMany answering from fixed tables of records, by resource (referenced products, resellers…). */
export const getManyFrom =
    (tables: Record<string, object[]>) =>
    (resource: string, { ids }: { ids: unknown[] }) =>
        Promise.resolve({ data: (tables[resource] ?? []).filter(r => ids.includes((r as { id: unknown }).id)) });

/**
 * An authProvider for a logged-in user of `role` (Alliance Informatique / Bureautique Lyon), whose
 * permissions and canAccess are the console's own rules (providers/permissions.ts).
 */
export const fakeAuthProvider = (role: Role, overrides: Partial<AuthProvider> = {}): AuthProvider => {
    const permissions: Permissions = {
        role,
        partnerId: role === 'partner' ? 1 : null,
        resellerId: role === 'reseller' ? 5 : null,
    };
    return {
        login: () => Promise.resolve(),
        logout: () => Promise.resolve(),
        checkAuth: () => Promise.resolve(),
        checkError: () => Promise.resolve(),
        getIdentity: () => Promise.resolve({ id: 42, fullName: `Un ${role}`, role }),
        getPermissions: () => Promise.resolve(permissions),
        canAccess: ({ action, resource }) => Promise.resolve(canAccessWith(permissions, action, resource)),
        ...overrides,
    };
};

/** Renders inside react-admin's context (French i18n, fresh store) and a memory router. */
export const renderWithAdmin = (
    ui: ReactNode,
    {
        dataProvider,
        authProvider,
        initialEntries = ['/'],
    }: { dataProvider: DataProvider; authProvider?: AuthProvider; initialEntries?: string[] },
) =>
    render(
        <MemoryRouter initialEntries={initialEntries}>
            <AdminContext
                dataProvider={dataProvider}
                authProvider={authProvider}
                i18nProvider={i18nProvider}
                store={memoryStore()}
            >
                {ui}
                <Notification />
            </AdminContext>
        </MemoryRouter>,
    );

/** A phone or small tablet for MUI's useMediaQuery: every max-width query matches. Undo with vi.unstubAllGlobals(). */
export const smallScreen = () =>
    vi.stubGlobal('matchMedia', (query: string) => ({
        matches: query.includes('max-width'),
        media: query,
        onchange: null,
        addEventListener: () => {},
        removeEventListener: () => {},
        addListener: () => {},
        removeListener: () => {},
        dispatchEvent: () => false,
    }));
