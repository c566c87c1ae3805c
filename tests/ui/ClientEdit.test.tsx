import { describe, expect, it, vi } from 'vitest';
import { screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { HttpError, RecordContextProvider, ResourceContextProvider } from 'react-admin';
import { ClientEdit } from '../../client/src/clients/ClientEdit';
import { AddProductButton } from '../../client/src/clients/AddProductButton';
import { fakeAuthProvider, fakeDataProvider, getManyFrom, renderWithAdmin } from './renderWithAdmin';

const client = { id: 7, name: 'Boulangerie Martin', reference: null, partner_id: 1, reseller_id: 5, status: 'active' };
const lists: Record<string, object[]> = {
    products: [
        { id: 1, code: 'TBox', name: 'TBox' },
        { id: 2, code: 'TSend', name: 'TSend' },
    ],
    partners: [{ id: 1, name: 'Alliance Informatique', email: 'a@b.fr' }],
    resellers: [
        { id: 5, name: 'Bureautique Lyon', email: 'r@b.fr', partner_id: 1 },
        { id: 6, name: 'Informatique Nantes', email: 'n@b.fr', partner_id: 1 },
    ],
    pools: [{ id: 9, holder_type: 'reseller', holder_id: 5, product_id: 2, balance: 40 }],
};

const dataProvider = (methods: Record<string, unknown>) =>
    fakeDataProvider({
        getList: (resource: string) => Promise.resolve({ data: lists[resource] ?? [], total: (lists[resource] ?? []).length }),
        getMany: getManyFrom(lists),
        getOne: () => Promise.resolve({ data: client }),
        serverToday: () => Promise.resolve('2026-06-01'),
        ...methods,
    });

const renderEdit = (update: ReturnType<typeof vi.fn>) =>
    renderWithAdmin(
        <ResourceContextProvider value="clients">
            <ClientEdit id={7} />
        </ResourceContextProvider>,
        { dataProvider: dataProvider({ update }), authProvider: fakeAuthProvider('partner') },
    );

describe('editing a client', () => {
    it('renames it, gives it a reference and moves it to another reseller of its partner', async () => {
        const update = vi.fn().mockResolvedValue({ data: { ...client, name: 'Boulangerie Martin & Fils' } });
        renderEdit(update);
        const user = userEvent.setup();
        const name = await screen.findByLabelText(/Nom client/);
        await waitFor(() => expect(name).toHaveValue('Boulangerie Martin'));
        await user.clear(name);
        await user.type(name, 'Boulangerie Martin & Fils');
        await user.type(screen.getByLabelText('Référence client'), 'BM 042');
        const reseller = screen.getByRole('combobox', { name: /Nom revendeur/ });
        await user.clear(reseller);
        await user.type(reseller, 'Nantes');
        await user.click(await screen.findByRole('option', { name: 'Informatique Nantes' }));
        await user.click(screen.getByRole('button', { name: 'Enregistrer' }));
        await waitFor(() => expect(update).toHaveBeenCalledTimes(1));
        expect(update.mock.calls[0][1].data).toMatchObject({
            name: 'Boulangerie Martin & Fils',
            reference: 'BM 042',
            reseller_id: 6,
            partner_id: 1,
        });
    });

    it('shows a reference already used by another client of the manager on its field', async () => {
        const update = vi.fn().mockRejectedValue(
            new HttpError('Reference already used', 409, {
                message: 'Reference already used',
                errors: { reference: 'Cette référence est déjà celle d’un autre client' },
            }),
        );
        renderEdit(update);
        const user = userEvent.setup();
        const reference = await screen.findByLabelText('Référence client');
        await waitFor(() => expect(screen.getByLabelText(/Nom client/)).toHaveValue('Boulangerie Martin'));
        await user.type(reference, 'BM-001');
        await user.click(screen.getByRole('button', { name: 'Enregistrer' }));
        expect(await screen.findByText('Cette référence est déjà celle d’un autre client')).toBeInTheDocument();
    });
});

describe('adding a product to a client', () => {
    const renderButton = (addSubscription: ReturnType<typeof vi.fn>) =>
        renderWithAdmin(
            <ResourceContextProvider value="clients">
                <RecordContextProvider value={client}>
                    <AddProductButton />
                </RecordContextProvider>
            </ResourceContextProvider>,
            { dataProvider: dataProvider({ addSubscription }), authProvider: fakeAuthProvider('reseller') },
        );

    it("shows the cost and what the manager's pool keeps, then adds it once with an idempotency key", async () => {
        const addSubscription = vi.fn().mockResolvedValue({ id: 30, remaining_after: 28 });
        renderButton(addSubscription);
        const user = userEvent.setup();
        await user.click(await screen.findByRole('button', { name: 'Ajouter un produit' }));
        expect(await screen.findByText('Ajouter un produit à Boulangerie Martin')).toBeInTheDocument();
        await user.click(screen.getByRole('combobox', { name: /Produit/ }));
        await user.click(await screen.findByRole('option', { name: 'TSend' }));
        const seats = screen.getByLabelText(/Licences utilisateurs/);
        await user.clear(seats);
        await user.type(seats, '6');
        const years = screen.getByLabelText(/Durée \(années\)/);
        await user.clear(years);
        await user.type(years, '2');
        const start = screen.getByLabelText(/Date de début/);
        await user.clear(start);
        await user.type(start, '15/01/2027');
        await waitFor(() => expect(screen.getByTestId('add-product-cost')).toHaveTextContent('Coût : 6 × 2 = 12 licences'));
        await waitFor(() => expect(screen.getByTestId('add-product-cost')).toHaveTextContent('Licences restantes après ajout : 28'));
        await user.click(screen.getByRole('button', { name: 'Ajouter' }));
        await waitFor(() => expect(addSubscription).toHaveBeenCalledTimes(1));
        const [clientId, params, key] = addSubscription.mock.calls[0];
        expect(clientId).toBe(7);
        expect(params).toEqual({ product_id: 2, start_date: '2027-01-15', years: 2, seats: 6 });
        expect(key).toMatch(/^[0-9a-f-]{36}$/);
        expect(await screen.findByText('Produit ajouté. Licences restantes : 28')).toBeInTheDocument();
    });

    it('refuses a start date that is not a calendar day, before asking the server', async () => {
        const addSubscription = vi.fn();
        renderButton(addSubscription);
        const user = userEvent.setup();
        await user.click(await screen.findByRole('button', { name: 'Ajouter un produit' }));
        await user.click(await screen.findByRole('combobox', { name: /Produit/ }));
        await user.click(await screen.findByRole('option', { name: 'TBox' }));
        const start = screen.getByLabelText(/Date de début/);
        await user.clear(start);
        await user.type(start, '31/02/2027');
        await user.click(screen.getByRole('button', { name: 'Ajouter' }));
        expect(await screen.findByText('Date invalide : jj/mm/aaaa')).toBeInTheDocument();
        expect(addSubscription).not.toHaveBeenCalled();
    });
});
