import { describe, expect, it, vi } from 'vitest';
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { HttpError, RecordContextProvider } from 'react-admin';
import { NewOrderButton } from '../../client/src/orders/NewOrderButton';
import { OrderActions } from '../../client/src/orders/OrderActions';
import type { Order } from '../../client/src/providers/dataProvider';
import type { Role } from '../../client/src/providers/permissions';
import { fakeAuthProvider, fakeDataProvider, getManyFrom, renderWithAdmin } from './renderWithAdmin';

const products = [
    { id: 1, code: 'TBox', name: 'TBox' },
    { id: 2, code: 'TMail', name: 'TMail' },
];
// TBox: 40.05 € today (an older and a future price must not be used); TMail has no price yet.
const prices = [
    { id: 1, product_id: 1, unit_price_cents: 3900, valid_from: '2025-01-01' },
    { id: 2, product_id: 1, unit_price_cents: 4005, valid_from: '2026-01-01' },
    { id: 3, product_id: 1, unit_price_cents: 9999, valid_from: '2026-09-01' },
    { id: 4, product_id: 2, unit_price_cents: 1000, valid_from: '2026-09-01' },
];
const organisations = {
    partners: [{ id: 1, name: 'Alliance Informatique', discount_percent: 20 }],
    resellers: [{ id: 5, name: 'Bureautique Lyon', partner_id: 1, discount_percent: 10 }],
};

const dataProviderWith = (methods: Record<string, unknown> = {}) =>
    fakeDataProvider({
        getList: (resource: string) =>
            Promise.resolve(
                resource === 'products'
                    ? { data: products, total: 2 }
                    : resource === 'prices'
                      ? { data: prices, total: prices.length }
                      : { data: [], total: 0 },
            ),
        getOne: (resource: keyof typeof organisations, { id }: { id: number }) =>
            Promise.resolve({ data: organisations[resource].find(o => o.id === id) }),
        getMany: getManyFrom({ products, ...organisations }),
        serverToday: () => Promise.resolve('2026-06-01'),
        publisher: () => Promise.resolve({ legal_name: null, address: null, siren: null, vat_number: null, vat_rate_percent: 20 }),
        ...methods,
    });

const chooseProduct = async (user: ReturnType<typeof userEvent.setup>, dialog: HTMLElement, code: string) => {
    await user.click(within(dialog).getByRole('combobox', { name: 'Produit' }));
    await user.click(await screen.findByRole('option', { name: code }));
};

/** A reseller opens Nouvelle commande and asks for 50 TBox; the open dialog and the user. */
const resellerOrders50TBox = async (methods: Record<string, unknown>) => {
    renderWithAdmin(<NewOrderButton />, { dataProvider: dataProviderWith(methods), authProvider: fakeAuthProvider('reseller') });
    const user = userEvent.setup();
    await user.click(await screen.findByRole('button', { name: 'Nouvelle commande' }));
    const dialog = await screen.findByRole('dialog');
    await chooseProduct(user, dialog, 'TBox');
    await user.type(within(dialog).getByLabelText(/Quantité/), '50');
    return { dialog, user };
};

describe('new-order dialog', () => {
    it('shows a reseller its totals at list price less its discount, half-up per unit, and sends the lines', async () => {
        const submitOrder = vi.fn().mockResolvedValue({ id: 77 });
        const { dialog, user } = await resellerOrders50TBox({ submitOrder });
        // 40.05 € less 10 % = 36.045 → 36.05 €; × 50 = 1 802.50 €; VAT 20 % = 360.50 €
        await waitFor(() => expect(dialog).toHaveTextContent('Prix unitaire HT : 36,05 €'));
        const totals = within(dialog).getByTestId('order-totals');
        expect(totals).toHaveTextContent('Total HT1 802,50 €');
        expect(totals).toHaveTextContent('TVA (20 %)360,50 €');
        expect(totals).toHaveTextContent('Total TTC2 163,00 €');
        await user.click(within(dialog).getByRole('button', { name: 'Commander' }));
        await waitFor(() => expect(submitOrder).toHaveBeenCalledWith([{ product_id: 1, quantity: 50 }], expect.any(String)));
        await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull());
        expect(await screen.findByText('Commande n° 77 envoyée')).toBeInTheDocument();
    });

    it('previews the VAT at the rate the server publishes (VAT_RATE_PERCENT), not an assumed 20 %', async () => {
        const { dialog } = await resellerOrders50TBox({
            publisher: () => Promise.resolve({ legal_name: null, address: null, siren: null, vat_number: null, vat_rate_percent: 5.5 }),
        });
        // 1 802.50 € × 5.5 % = 99.1375 → 99.14 €
        const totals = within(dialog).getByTestId('order-totals');
        await waitFor(() => expect(totals).toHaveTextContent('TVA (5,5 %)99,14 €'));
        expect(totals).toHaveTextContent('Total TTC1 901,64 €');
    });

    it('refuses to send a product without a price today or a quantity that is not a whole number', async () => {
        renderWithAdmin(<NewOrderButton />, { dataProvider: dataProviderWith(), authProvider: fakeAuthProvider('partner') });
        const user = userEvent.setup();
        await user.click(await screen.findByRole('button', { name: 'Nouvelle commande' }));
        const dialog = await screen.findByRole('dialog');
        await chooseProduct(user, dialog, 'TMail');
        await user.type(within(dialog).getByLabelText(/Quantité/), '2.5');
        expect(await within(dialog).findByText('Pas de prix aujourd’hui : ne peut pas être commandé')).toBeInTheDocument();
        expect(within(dialog).getByText('Un nombre entier de 1 à 1000000')).toBeInTheDocument();
        expect(within(dialog).getByRole('button', { name: 'Commander' })).toBeDisabled();
    });

    it('offers each product on one line only', async () => {
        renderWithAdmin(<NewOrderButton />, { dataProvider: dataProviderWith(), authProvider: fakeAuthProvider('partner') });
        const user = userEvent.setup();
        await user.click(await screen.findByRole('button', { name: 'Nouvelle commande' }));
        const dialog = await screen.findByRole('dialog');
        await chooseProduct(user, dialog, 'TBox');
        await user.click(within(dialog).getByRole('button', { name: 'Ajouter un produit' }));
        await user.click(within(dialog).getAllByRole('combobox', { name: 'Produit' })[1]);
        expect(await screen.findByRole('option', { name: 'TBox' })).toHaveAttribute('aria-disabled', 'true');
        expect(screen.getByRole('option', { name: 'TMail' })).not.toHaveAttribute('aria-disabled');
    });

    it('is not offered to an admin (the publisher places no order)', async () => {
        renderWithAdmin(<NewOrderButton />, { dataProvider: dataProviderWith(), authProvider: fakeAuthProvider('admin') });
        await new Promise(resolve => setTimeout(resolve, 300));
        expect(screen.queryByRole('button', { name: 'Nouvelle commande' })).toBeNull();
    });
});

// Bureautique Lyon (reseller 5) orders from its partner Alliance Informatique (partner 1).
const order: Order = {
    id: 12,
    buyer_type: 'reseller',
    buyer_id: 5,
    buyer_name: 'Bureautique Lyon',
    partner_id: 1,
    reseller_id: 5,
    supplier_type: 'partner',
    supplier_id: 1,
    status: 'submitted',
    reason: null,
    invoice_id: null,
    created_at: '2026-06-01T09:00:00Z',
    vat_rate_percent: 20,
    total_excl_vat_cents: 180_250,
    vat_cents: 36_050,
    total_incl_vat_cents: 216_300,
    lines: [{ product_id: 1, quantity: 50, unit_price_cents: 3605, total_cents: 180_250 }],
};

const renderActions = (role: Role, methods: Record<string, unknown> = {}, record: Order = order) =>
    renderWithAdmin(
        <RecordContextProvider value={record}>
            <OrderActions />
        </RecordContextProvider>,
        { dataProvider: dataProviderWith(methods), authProvider: fakeAuthProvider(role) },
    );

const buttonNames = async () => {
    await new Promise(resolve => setTimeout(resolve, 300));
    return screen.queryAllByRole('button').map(button => button.textContent);
};

describe('order actions by role', () => {
    it('gives the supplier Accepter and Refuser', async () => {
        renderActions('partner');
        expect(await buttonNames()).toEqual(['Accepter', 'Refuser']);
    });

    it('lets the buyer cancel only', async () => {
        renderActions('reseller');
        expect(await buttonNames()).toEqual(['Annuler']);
    });

    it('lets an admin decide for the supplier', async () => {
        renderActions('admin');
        expect(await buttonNames()).toEqual(['Accepter', 'Refuser']);
    });

    it('offers nothing on a delivered order', async () => {
        renderActions('partner', {}, { ...order, status: 'fulfilled', invoice_id: 3 });
        expect(await buttonNames()).toEqual([]);
    });

    it('asks a reason before refusing and sends it', async () => {
        const refuseOrder = vi.fn().mockResolvedValue({ ...order, status: 'refused' });
        renderActions('partner', { refuseOrder });
        const user = userEvent.setup();
        await user.click(await screen.findByRole('button', { name: 'Refuser' }));
        const dialog = await screen.findByRole('dialog');
        const ok = within(dialog).getByRole('button', { name: 'Refuser' });
        expect(ok).toBeDisabled();
        await user.type(within(dialog).getByLabelText(/Motif du refus/), 'Stock épuisé');
        await user.click(ok);
        await waitFor(() => expect(refuseOrder).toHaveBeenCalledWith(12, 'Stock épuisé'));
        expect(await screen.findByText('Commande n° 12 refusée')).toBeInTheDocument();
    });

    it('says a short pool on Accepter and offers to order the difference from the publisher', async () => {
        const fulfilOrder = vi.fn().mockRejectedValue(
            new HttpError('The supplier’s pool is short', 409, {
                message: 'The supplier’s pool is short',
                code: 'insufficient_licenses',
                details: { product_id: 1, needed: 50, balance: 35, shortfall: 15 },
            }),
        );
        renderActions('partner', { fulfilOrder });
        const user = userEvent.setup();
        await user.click(await screen.findByRole('button', { name: 'Accepter' }));
        let dialog = await screen.findByRole('dialog');
        await user.click(within(dialog).getByRole('button', { name: 'Accepter et livrer' }));
        expect(await within(dialog).findByTestId('order-decision-error')).toHaveTextContent(
            'Licences insuffisantes : 50 nécessaires, 35 restantes.',
        );
        expect(fulfilOrder).toHaveBeenCalledWith(12, expect.any(String));
        await user.click(within(dialog).getByRole('button', { name: 'Commander la différence (15 licences)' }));
        dialog = await screen.findByRole('dialog', { name: 'Nouvelle commande' });
        expect(within(dialog).getByLabelText(/Quantité/)).toHaveValue(15);
        expect(within(dialog).getByRole('combobox', { name: 'Produit' })).toHaveTextContent('TBox');
        // the partner's own price: 40.05 € less 20 % = 32.04 €
        await waitFor(() => expect(within(dialog).getByTestId('order-totals')).toHaveTextContent('Total HT480,60 €'));
    });
});
