import { describe, expect, it, vi } from 'vitest';
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { ResourceContextProvider } from 'react-admin';
import { UserCreate } from '../../client/src/users/UserCreate';
import { roleChoices, userPayload } from '../../client/src/users/userModel';
import type { Role } from '../../client/src/providers/permissions';
import { fakeAuthProvider, fakeDataProvider, renderWithAdmin, getManyFrom } from './renderWithAdmin';

const lists: Record<string, { id: number; name: string; partner_id?: number }[]> = {
    partners: [{ id: 1, name: 'Alliance Informatique' }],
    resellers: [
        { id: 5, name: 'Bureautique Lyon', partner_id: 1 },
        { id: 6, name: 'Informatique Savoie', partner_id: 1 },
    ],
};

const renderCreate = (role: Role, create = vi.fn()) =>
    renderWithAdmin(
        <ResourceContextProvider value="users">
            <UserCreate />
        </ResourceContextProvider>,
        {
            dataProvider: fakeDataProvider({
                getList: (resource: string) => Promise.resolve({ data: lists[resource] ?? [], total: (lists[resource] ?? []).length }),
                getMany: getManyFrom(lists),
                create,
            }),
            authProvider: fakeAuthProvider(role),
            initialEntries: ['/users/create'],
        },
    );

const roleOptions = async () => {
    const user = userEvent.setup();
    await user.click(await screen.findByRole('combobox', { name: /Rôle/ }));
    const options = within(await screen.findByRole('listbox')).getAllByRole('option');
    return options.map(option => option.textContent);
};

describe('users form: the roles a caller may give', () => {
    it('role choices by caller role (only admins create admins)', () => {
        expect(roleChoices('admin').map(c => c.id)).toEqual(['admin', 'partner', 'reseller']);
        expect(roleChoices('partner').map(c => c.id)).toEqual(['partner', 'reseller']);
        expect(roleChoices('reseller').map(c => c.id)).toEqual(['reseller']);
    });

    it('an admin may give every role', async () => {
        renderCreate('admin');
        expect(await roleOptions()).toEqual(['Administrateur', 'Partenaire', 'Revendeur']);
    });

    it('a partner may create partner and reseller logins, in its own partner (locked)', async () => {
        renderCreate('partner');
        expect(await roleOptions()).toEqual(['Partenaire', 'Revendeur']);
        await userEvent.setup().keyboard('{Escape}');
        const partner = await screen.findByRole('combobox', { name: /Partenaire/ });
        await waitFor(() => expect(partner).toHaveValue('Alliance Informatique'));
        expect(partner).toBeDisabled();
    });

    it('a reseller creates reseller logins of its own organisation only', async () => {
        const create = vi.fn((_resource: string, { data }: { data: object }) => Promise.resolve({ data: { ...data, id: 99 } }));
        renderCreate('reseller', create);
        expect(await roleOptions()).toEqual(['Revendeur']);
        const user = userEvent.setup();
        await user.keyboard('{Escape}');
        const reseller = await screen.findByRole('combobox', { name: /Revendeur/ });
        await waitFor(() => expect(reseller).toHaveValue('Bureautique Lyon'));
        expect(reseller).toBeDisabled();
        expect(screen.queryByRole('combobox', { name: /Partenaire/ })).toBeNull();

        await user.type(screen.getByLabelText(/Adresse e-mail/), 'nouveau@bureautique-lyon.example');
        await user.type(screen.getByLabelText(/^Nom/), 'Nina Nouvelle');
        await user.type(screen.getByLabelText(/Mot de passe/), 'un-long-mot-de-passe');
        await user.click(screen.getByRole('button', { name: 'Enregistrer' }));
        await waitFor(() => expect(create).toHaveBeenCalled());
        expect(create.mock.calls[0][1].data).toMatchObject({
            email: 'nouveau@bureautique-lyon.example',
            role: 'reseller',
            reseller_id: 5,
            partner_id: null,
            password: 'un-long-mot-de-passe',
        });
    });
});

describe('users payload', () => {
    it('keeps the organisation the role needs and drops an empty password (unchanged on edit)', () => {
        expect(userPayload({ id: 3, role: 'partner', partner_id: 1, reseller_id: 5, password: '' })).toEqual({
            id: 3,
            role: 'partner',
            partner_id: 1,
            reseller_id: null,
        });
        expect(userPayload({ id: 3, role: 'admin', partner_id: 1, reseller_id: 5, password: 'x'.repeat(10) })).toEqual({
            id: 3,
            role: 'admin',
            partner_id: null,
            reseller_id: null,
            password: 'x'.repeat(10),
        });
    });
});
