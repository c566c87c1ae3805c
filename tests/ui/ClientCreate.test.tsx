import { describe, expect, it, vi } from 'vitest';
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { HttpError, ResourceContextProvider } from 'react-admin';
import { ClientCreate } from '../../client/src/clients/ClientCreate';
import { totalConsumption } from '../../client/src/clients/consumption';
import { fakeDataProvider, renderWithAdmin, getManyFrom } from './renderWithAdmin';

const products = [
    { id: 1, code: 'TBox', name: 'TBox' },
    { id: 2, code: 'TSend', name: 'TSend' },
];
const lists: Record<string, object[]> = {
    products,
    partners: [{ id: 1, name: 'Distrib Ouest', email: 'a@b.fr' }],
    resellers: [{ id: 5, name: 'Revendeur Alpha', email: 'r@b.fr', partner_id: 1 }],
};

const dataProvider = (create = vi.fn()) =>
    fakeDataProvider({
        getList: (resource: string) =>
            Promise.resolve({ data: lists[resource] ?? [], total: (lists[resource] ?? []).length }),
        getMany: getManyFrom(lists),
        create,
        // The server's day, not the browser's: new lines start on it.
        serverToday: () => Promise.resolve('2026-06-01'),
    });

const total = () => screen.getByTestId('consumption-total');

/** The create form, filled with one client and one TBox line with its defaults, then saved. */
const createBoulangerieMartinWithTBox = async (create: Parameters<typeof dataProvider>[0]) => {
    renderWithAdmin(
        <ResourceContextProvider value="clients">
            <ClientCreate />
        </ResourceContextProvider>,
        { dataProvider: dataProvider(create), initialEntries: ['/clients/create'] },
    );
    const user = userEvent.setup();
    await user.type(await screen.findByLabelText(/Nom client/), 'Boulangerie Martin');
    await user.click(screen.getByRole('combobox', { name: /Produit/ }));
    await user.click(await screen.findByRole('option', { name: 'TBox' }));
    await user.click(screen.getByRole('button', { name: 'Enregistrer' }));
};

describe('create client: licenses it will consume', () => {
    it('Σ seats × years, ignoring incomplete lines', () => {
        expect(totalConsumption([{ seats: 12, years: 2 }, { seats: '5', years: '3' }])).toBe(39);
        expect(totalConsumption([{ seats: 12, years: '' }, { seats: 0, years: 2 }, { seats: 3, years: 11 }])).toBe(0);
        expect(totalConsumption(undefined)).toBe(0);
    });

    it('updates the total as the user fills the products', async () => {
        renderWithAdmin(
            <ResourceContextProvider value="clients">
                <ClientCreate />
            </ResourceContextProvider>,
            { dataProvider: dataProvider(), initialEntries: ['/clients/create'] },
        );
        const user = userEvent.setup();
        // one default line: 1 seat × 1 year
        await waitFor(() => expect(total()).toHaveTextContent('Licences consommées par ce client : 1'));
        const seats = () => screen.getAllByLabelText(/Licences utilisateurs/);
        const years = () => screen.getAllByLabelText(/Durée \(années\)/);
        await user.clear(seats()[0]);
        await user.type(seats()[0], '12');
        await user.clear(years()[0]);
        await user.type(years()[0], '2');
        await waitFor(() => expect(total()).toHaveTextContent('Licences consommées par ce client : 24'));

        await user.click(screen.getByRole('button', { name: /ajouter/i }));
        await waitFor(() => expect(seats()).toHaveLength(2));
        const productSelects = screen.getAllByRole('combobox', { name: /Produit/ });
        await user.click(productSelects[1]);
        await user.click(await screen.findByRole('option', { name: 'TSend' }));
        await user.clear(seats()[1]);
        await user.type(seats()[1], '5');
        await user.clear(years()[1]);
        await user.type(years()[1], '3');
        await waitFor(() => expect(total()).toHaveTextContent('Licences consommées par ce client : 39'));
        expect(within(total().parentElement as HTMLElement).getByText('TSend : 5 × 3 = 15')).toBeInTheDocument();
    });

    it("starts each new line on the server's today, not the browser's", async () => {
        const create = vi.fn().mockResolvedValue({ data: { id: 9, name: 'Boulangerie Martin' } });
        await createBoulangerieMartinWithTBox(create);
        await waitFor(() => expect(create).toHaveBeenCalledTimes(1));
        expect(create.mock.calls[0][1].data.subscriptions).toEqual([expect.objectContaining({ start_date: '2026-06-01', seats: 1, years: 1 })]);
    });

    it('puts the server validation errors onto the fields', async () => {
        const create = vi.fn().mockRejectedValue(
            new HttpError('Données invalides', 400, {
                message: 'Données invalides',
                errors: { name: 'Ce nom de client existe déjà', 'subscriptions.0.seats': 'Trop de licences' },
            }),
        );
        await createBoulangerieMartinWithTBox(create);
        await waitFor(() => expect(create).toHaveBeenCalledTimes(1));
        expect(create.mock.calls[0][1].data).toMatchObject({
            name: 'Boulangerie Martin',
            subscriptions: [{ product_id: 1, years: 1, seats: 1 }],
        });
        expect(await screen.findByText('Ce nom de client existe déjà')).toBeInTheDocument();
        expect(await screen.findByText('Trop de licences')).toBeInTheDocument();
    });

    it('says a short pool in French on the line that asked for it', async () => {
        const create = vi.fn().mockRejectedValue(
            new HttpError('Insufficient licenses: 24 needed, 10 remaining in the pool', 409, {
                message: 'Insufficient licenses: 24 needed, 10 remaining in the pool',
                errors: { 'subscriptions.0.seats': '24 licenses needed, 10 remaining' },
                code: 'insufficient_licenses',
                details: { needed: 24, balance: 10 },
            }),
        );
        await createBoulangerieMartinWithTBox(create);
        await waitFor(() => expect(create).toHaveBeenCalledTimes(1));
        const sentence = 'Licences insuffisantes : 24 nécessaires, 10 restantes.';
        // under the seats of line 0, and in the notification
        await waitFor(() => expect(screen.getAllByText(sentence)).toHaveLength(2));
        expect(screen.getAllByRole('alert').some(alert => alert.textContent?.includes(sentence))).toBe(true);
        expect(document.body).not.toHaveTextContent(/needed|remaining/);
    });

    it("notifies a refusal without fields in the user's language", async () => {
        const create = vi.fn().mockRejectedValue(
            new HttpError('This Idempotency-Key was already used with other parameters', 422, {
                message: 'This Idempotency-Key was already used with other parameters',
                code: 'idempotency_key_reused',
            }),
        );
        await createBoulangerieMartinWithTBox(create);
        expect(await screen.findByText(/Cette demande a déjà été envoyée avec d’autres valeurs/)).toBeInTheDocument();
        expect(document.body).not.toHaveTextContent('Idempotency-Key');
    });
});
