import { describe, expect, it, vi } from 'vitest';
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { HttpError, RecordContextProvider } from 'react-admin';
import { AllocateButton } from '../../client/src/resellers/AllocateButton';
import { fakeDataProvider, renderWithAdmin } from './renderWithAdmin';

const reseller = { id: 5, name: 'Revendeur Alpha', email: 'r@b.fr', partner_id: 1 };

const getList = (resource: string, { filter }: { filter: Record<string, unknown> }) => {
    if (resource === 'products') return Promise.resolve({ data: [{ id: 1, code: 'TBox', name: 'TBox' }], total: 1 });
    if (resource === 'pools') {
        const balance = filter.holder_type === 'partner' ? 30 : 4;
        return Promise.resolve({ data: [{ id: filter.holder_type === 'partner' ? 1 : 2, balance }], total: 1 });
    }
    return Promise.resolve({ data: [], total: 0 });
};

describe('<AllocateDialog>', () => {
    it('says a short partner pool (409) in French, once', async () => {
        const allocate = vi.fn().mockRejectedValue(
            new HttpError('Insufficient licenses: 25 needed, 12 remaining in the pool', 409, {
                message: 'Insufficient licenses: 25 needed, 12 remaining in the pool',
                errors: { quantity: '25 licenses needed, 12 remaining' },
                code: 'insufficient_licenses',
                details: { needed: 25, balance: 12 },
            }),
        );
        renderWithAdmin(
            <RecordContextProvider value={reseller}>
                <AllocateButton />
            </RecordContextProvider>,
            { dataProvider: fakeDataProvider({ getList, allocate }) },
        );
        const user = userEvent.setup();
        await user.click(screen.getByRole('button', { name: 'Attribuer des licences' }));
        const dialog = await screen.findByRole('dialog');
        await user.click(within(dialog).getByRole('combobox', { name: 'Produit' }));
        await user.click(await screen.findByRole('option', { name: 'TBox' }));
        await waitFor(() => expect(dialog).toHaveTextContent('Licences restantes du partenaire : 30'));
        await user.type(within(dialog).getByLabelText(/Quantité/), '25');
        await user.click(within(dialog).getByRole('button', { name: 'OK' }));
        await waitFor(() => expect(allocate).toHaveBeenCalledTimes(1));
        const sentence = 'Licences insuffisantes : 25 nécessaires, 12 restantes.';
        expect(await within(dialog).findByTestId('allocate-error')).toHaveTextContent(sentence);
        expect(within(dialog).getAllByText(sentence)).toHaveLength(1); // not again under the quantity
        expect(dialog).not.toHaveTextContent(/needed|remaining/);
    });
});
