import { afterEach, describe, expect, it, vi } from 'vitest';
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { ResourceContextProvider } from 'react-admin';
import { ClientList } from '../../client/src/clients/ClientList';
import { fakeDataProvider, renderWithAdmin, smallScreen, getManyFrom } from './renderWithAdmin';

const clients = [
    { id: 3, name: 'Boulangerie Martin', partner_id: 1, reseller_id: null, status: 'renewed', end_date: '2026-12-31', to_renew: false },
    { id: 4, name: 'Garage Durand', partner_id: 1, reseller_id: null, status: 'expiring', end_date: '2027-01-31', to_renew: true },
];
const refs: Record<string, object[]> = {
    products: [{ id: 1, code: 'TBox', name: 'TBox' }, { id: 2, code: 'TSend', name: 'TSend' }],
    partners: [{ id: 1, name: 'Distrib Ouest', email: 'a@b.fr' }],
    resellers: [],
};

const dataProvider = (getList = vi.fn()) => {
    getList.mockImplementation((resource: string) =>
        Promise.resolve(
            resource === 'clients'
                ? { data: clients, total: clients.length }
                : { data: refs[resource] ?? [], total: (refs[resource] ?? []).length },
        ),
    );
    return fakeDataProvider({
        getList,
        getMany: getManyFrom(refs),
    });
};

const renderList = (getList = vi.fn()) =>
    renderWithAdmin(
        <ResourceContextProvider value="clients">
            <ClientList />
        </ResourceContextProvider>,
        { dataProvider: dataProvider(getList), initialEntries: ['/clients'] },
    );

afterEach(() => vi.unstubAllGlobals());

describe('<ClientList>', () => {
    it('filters the clients by product (a filter-only product_id)', async () => {
        const getList = vi.fn();
        renderList(getList);
        await screen.findByText('Garage Durand');
        const user = userEvent.setup();
        await user.click(screen.getByRole('button', { name: 'Ajouter un filtre' }));
        await user.click(await screen.findByRole('menuitemcheckbox', { name: 'Produit' }));
        await user.click(await screen.findByRole('combobox', { name: 'Produit' }));
        await user.click(await screen.findByRole('option', { name: 'TSend' }));
        await waitFor(() =>
            expect(getList).toHaveBeenCalledWith(
                'clients',
                expect.objectContaining({ filter: expect.objectContaining({ product_id: 2 }) }),
            ),
        );
        // product_id is only a filter: the products were asked for by code, and no column shows it
        expect(getList).toHaveBeenCalledWith(
            'products',
            expect.objectContaining({ sort: { field: 'code', order: 'ASC' } }),
        );
        expect(screen.getAllByRole('columnheader').map(cell => cell.textContent)).not.toContain('Produit');
    });

    it('shows the green check of a renewed client on small screens too', async () => {
        smallScreen();
        renderList();
        const renewed = (await screen.findByText('Boulangerie Martin')).closest('li') as HTMLElement;
        expect(screen.queryByRole('table')).toBeNull(); // the SimpleList, not the DataTable
        expect(within(renewed).getByTestId('renewed-check')).toBeInTheDocument();
        const expiring = screen.getByText('Garage Durand').closest('li') as HTMLElement;
        expect(within(expiring).queryByTestId('renewed-check')).toBeNull();
    });
});
