import { describe, expect, it, vi } from 'vitest';
import { screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { HttpError, ResourceContextProvider } from 'react-admin';
import { OrganisationEdit } from '../../client/src/misc/OrganisationEdit';
import { fakeAuthProvider, fakeDataProvider, renderWithAdmin } from './renderWithAdmin';

const reseller = {
    id: 5,
    name: 'Bureautique Lyon',
    email: 'r@b.fr',
    partner_id: 1,
    discount_percent: 10,
    legal_name: null,
    address: null,
    siren: null,
    vat_number: null,
};

const renderEdit = (update: ReturnType<typeof vi.fn>) =>
    renderWithAdmin(
        <ResourceContextProvider value="resellers">
            <OrganisationEdit id={5} />
        </ResourceContextProvider>,
        {
            dataProvider: fakeDataProvider({ getOne: () => Promise.resolve({ data: reseller }), update }),
            authProvider: fakeAuthProvider('partner'),
        },
    );

describe("editing a reseller's discount and legal identity (its partner)", () => {
    it('sends the discount and the identity its invoices will carry', async () => {
        const update = vi.fn().mockImplementation((_r, { data }) => Promise.resolve({ data }));
        renderEdit(update);
        const user = userEvent.setup();
        const discount = await screen.findByLabelText('Remise (%)');
        await waitFor(() => expect(discount).toHaveValue(10));
        await user.clear(discount);
        await user.type(discount, '12.5');
        await user.type(screen.getByLabelText('Raison sociale'), 'Bureautique Lyon SARL');
        await user.type(screen.getByLabelText('Adresse'), '3 rue de la Ré{Enter}69002 Lyon');
        await user.type(screen.getByLabelText('SIREN'), '732829320');
        await user.type(screen.getByLabelText('N° de TVA intracommunautaire'), 'FR44732829320');
        await user.click(screen.getByRole('button', { name: 'Enregistrer' }));
        await waitFor(() => expect(update).toHaveBeenCalledTimes(1));
        expect(update.mock.calls[0][1].data).toMatchObject({
            discount_percent: 12.5,
            legal_name: 'Bureautique Lyon SARL',
            address: '3 rue de la Ré\n69002 Lyon',
            siren: '732829320',
            vat_number: 'FR44732829320',
        });
    });

    it("shows the server's refusal of a discount above the partner's on the discount field", async () => {
        const update = vi.fn().mockRejectedValue(
            new HttpError("A reseller's discount cannot exceed its partner's (20 %)", 400, {
                message: "A reseller's discount cannot exceed its partner's (20 %)",
                errors: { discount_percent: 'At most 20 (the discount of Alliance Informatique)' },
            }),
        );
        renderEdit(update);
        const user = userEvent.setup();
        const discount = await screen.findByLabelText('Remise (%)');
        await waitFor(() => expect(discount).toHaveValue(10));
        await user.clear(discount);
        await user.type(discount, '25');
        await user.click(screen.getByRole('button', { name: 'Enregistrer' }));
        expect(await screen.findByText('At most 20 (the discount of Alliance Informatique)')).toBeInTheDocument();
        expect(discount).toHaveAttribute('aria-invalid', 'true');
    });
});
