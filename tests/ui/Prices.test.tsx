import { describe, expect, it, vi } from 'vitest';
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { HttpError, ResourceContextProvider } from 'react-admin';
import { PriceList } from '../../client/src/prices/PriceList';
import { PriceEdit } from '../../client/src/prices/PriceEdit';
import { fakeAuthProvider, fakeDataProvider, getManyFrom, renderWithAdmin } from './renderWithAdmin';

const products = [{ id: 1, code: 'TBox', name: 'TBox' }];
// The server's today is 2026-06-01: the first row is history, the one starting today and the future one may change.
const prices = [
    { id: 3, product_id: 1, unit_price_cents: 4500, valid_from: '2026-09-01' },
    { id: 2, product_id: 1, unit_price_cents: 4200, valid_from: '2026-06-01' },
    { id: 1, product_id: 1, unit_price_cents: 4005, valid_from: '2026-01-01' },
];
const publisher = { legal_name: 'Cascade Éditions SA', address: null, siren: null, vat_number: null, vat_rate_percent: 20 };

const dataProvider = (methods: Record<string, unknown> = {}) =>
    fakeDataProvider({
        getList: (resource: string) => Promise.resolve(resource === 'prices' ? { data: prices, total: prices.length } : { data: products, total: 1 }),
        getMany: getManyFrom({ products }),
        getOne: (_resource: string, { id }: { id: number }) => Promise.resolve({ data: prices.find(p => p.id === id) }),
        serverToday: () => Promise.resolve('2026-06-01'),
        publisher: () => Promise.resolve(publisher),
        ...methods,
    });

const renderList = (methods: Record<string, unknown> = {}) =>
    renderWithAdmin(
        <ResourceContextProvider value="prices">
            <PriceList />
        </ResourceContextProvider>,
        { dataProvider: dataProvider(methods), authProvider: fakeAuthProvider('admin') },
    );

describe('Tarifs', () => {
    it('offers Éditer and Supprimer on rows not started yet only', async () => {
        renderList();
        const rows = await screen.findAllByRole('row');
        await waitFor(() => expect(within(rows[1]).queryByRole('link', { name: /Éditer/ })).not.toBeNull());
        const byDate = (date: string) => rows.find(row => row.textContent?.includes(date))!;
        expect(within(byDate('01/09/2026')).getByRole('button', { name: /Supprimer/ })).toBeInTheDocument();
        expect(within(byDate('01/06/2026')).getByRole('link', { name: /Éditer/ })).toBeInTheDocument();
        expect(within(byDate('01/01/2026')).queryByRole('link', { name: /Éditer/ })).toBeNull();
        expect(within(byDate('01/01/2026')).queryByRole('button', { name: /Supprimer/ })).toBeNull();
    });

    it('corrects a future price, typed in euros and sent in cents', async () => {
        const update = vi.fn().mockImplementation((_r, { data }) => Promise.resolve({ data }));
        renderWithAdmin(
            <ResourceContextProvider value="prices">
                <PriceEdit id={3} />
            </ResourceContextProvider>,
            { dataProvider: dataProvider({ update }), authProvider: fakeAuthProvider('admin') },
        );
        const user = userEvent.setup();
        const price = await screen.findByLabelText(/Prix HT par licence-année/);
        await waitFor(() => expect(price).toHaveValue('45.00'));
        await user.clear(price);
        await user.type(price, '46,50');
        await user.click(screen.getByRole('button', { name: 'Enregistrer' }));
        await waitFor(() => expect(update).toHaveBeenCalledTimes(1));
        expect(update.mock.calls[0][1].data).toMatchObject({ unit_price_cents: 4650, valid_from: '2026-09-01', product_id: 1 });
    });

    it("edits the publisher's identity and shows a refused SIREN on its field", async () => {
        const updatePublisher = vi
            .fn()
            .mockRejectedValueOnce(new HttpError('Invalid', 400, { message: 'Invalid body', errors: { siren: 'Not a valid SIREN (9 digits, checksum)' } }))
            .mockImplementation((identity: object) => Promise.resolve({ ...identity, vat_rate_percent: 20 }));
        renderList({ updatePublisher });
        const user = userEvent.setup();
        const section = await screen.findByRole('region', { name: 'Émetteur des factures' });
        expect(within(section).getByLabelText('Raison sociale')).toHaveValue('Cascade Éditions SA');
        await user.type(within(section).getByLabelText('SIREN'), '123');
        await user.click(within(section).getByRole('button', { name: 'Enregistrer' }));
        expect(await within(section).findByText('Not a valid SIREN (9 digits, checksum)')).toBeInTheDocument();
        const siren = within(section).getByLabelText('SIREN');
        await user.clear(siren);
        await user.type(siren, '552100554');
        await user.click(within(section).getByRole('button', { name: 'Enregistrer' }));
        await waitFor(() => expect(updatePublisher).toHaveBeenCalledTimes(2));
        expect(updatePublisher.mock.calls[1][0]).toEqual({ legal_name: 'Cascade Éditions SA', address: null, siren: '552100554', vat_number: null });
        expect(await screen.findByText('Identité enregistrée')).toBeInTheDocument();
    });
});
