import { describe, expect, it, vi } from 'vitest';
import { screen, waitFor } from '@testing-library/react';
import { RecordContextProvider, ResourceDefinitionContextProvider, ResourceContextProvider, type ResourceDefinition } from 'react-admin';
import { Menu } from '../../client/src/layout/Menu';
import { ResellerActions } from '../../client/src/resellers/ResellerShow';
import { RequireTotpSwitch } from '../../client/src/misc/RequireTotpSwitch';
import { fakeAuthProvider, fakeDataProvider, renderWithAdmin } from './renderWithAdmin';
import type { Role } from '../../client/src/providers/permissions';

const NAMES = ['clients', 'partners', 'resellers', 'pools', 'movements', 'users', 'access_log', 'changes'];
const definitions = Object.fromEntries(
    NAMES.map(name => [name, { name, hasList: true, hasShow: false, hasCreate: false, hasEdit: false } as ResourceDefinition]),
);

const renderMenu = (role: Role) =>
    renderWithAdmin(
        <ResourceDefinitionContextProvider definitions={definitions}>
            <Menu />
        </ResourceDefinitionContextProvider>,
        { dataProvider: fakeDataProvider({}), authProvider: fakeAuthProvider(role) },
    );

const menuTexts = () => screen.getAllByRole('menuitem').map(item => item.textContent);

describe('menus follow the role', () => {
    it('an admin sees every menu', async () => {
        renderMenu('admin');
        await waitFor(() =>
            expect(menuTexts()).toEqual([
                'Tableau de bord',
                'Liste des clients',
                'Clients à renouveler',
                'Partenaires',
                'Revendeurs',
                'Stocks de licences',
                'Mouvements',
                'Utilisateurs',
                'Journal des accès',
                'Historique des modifications',
                'Référence de l’API',
            ]),
        );
        expect(screen.getByRole('menuitem', { name: 'Référence de l’API' })).toHaveAttribute('href', expect.stringMatching(/\/api-reference$/));
    });

    it('a reseller sees no partners, resellers or access log', async () => {
        renderMenu('reseller');
        await waitFor(() =>
            expect(menuTexts()).toEqual([
                'Tableau de bord',
                'Liste des clients',
                'Clients à renouveler',
                'Stocks de licences',
                'Mouvements',
                'Utilisateurs',
                'Historique des modifications',
            ]),
        );
    });

    it('a partner sees its resellers and the access log, not the API reference', async () => {
        renderMenu('partner');
        await waitFor(() => expect(menuTexts()).toContain('Journal des accès'));
        expect(menuTexts()).toContain('Revendeurs');
        expect(menuTexts()).toContain('Partenaires');
        // The API reference is for admins only.
        expect(menuTexts()).not.toContain('Référence de l’API');
    });
});

describe('the allocate button and the 2FA switch follow the role', () => {
    const reseller = { id: 5, name: 'Bureautique Lyon', email: 'r@b.fr', partner_id: 1, require_totp: false };
    const dataProvider = fakeDataProvider({});
    const renderShow = (role: Role, authProvider = fakeAuthProvider(role)) =>
        renderWithAdmin(
            <ResourceContextProvider value="resellers">
                <RecordContextProvider value={reseller}>
                    <ResellerActions />
                    <RequireTotpSwitch />
                </RecordContextProvider>
            </ResourceContextProvider>,
            { dataProvider, authProvider },
        );

    it('shows it to a partner, with the 2FA requirement read-only', async () => {
        renderShow('partner');
        expect(await screen.findByRole('button', { name: 'Attribuer des licences' })).toBeInTheDocument();
        expect(await screen.findByTestId('require-totp')).toHaveTextContent('Double authentification facultative');
        expect(screen.queryByRole('switch', { name: 'Double authentification obligatoire' })).toBeNull();
    });

    it('gives the 2FA switch to an admin', async () => {
        renderShow('admin');
        expect(await screen.findByRole('switch', { name: 'Double authentification obligatoire' })).not.toBeChecked();
    });

    it('hides it from a reseller', async () => {
        const authProvider = fakeAuthProvider('reseller');
        const canAccess = vi.spyOn(authProvider, 'canAccess');
        renderShow('reseller', authProvider);
        await waitFor(() => expect(canAccess).toHaveBeenCalledWith(expect.objectContaining({ action: 'allocate', resource: 'resellers' })));
        await canAccess.mock.results[0].value;
        await screen.findByTestId('require-totp');
        expect(screen.queryByRole('button', { name: 'Attribuer des licences' })).toBeNull();
    });
});
