import { afterEach, describe, expect, it, vi } from 'vitest';
import { screen, waitFor, within } from '@testing-library/react';
import { RecordContextProvider, ResourceContextProvider } from 'react-admin';
import { ClientSubscriptions } from '../../client/src/clients/ClientShow';
import { fakeDataProvider, renderWithAdmin, getManyFrom, smallScreen } from './renderWithAdmin';

const client = { id: 3, name: 'Boulangerie Martin', partner_id: 1, reseller_id: null, status: 'expiring', end_date: '2027-01-31' };
const subscription = (id: number, product_id: number, status: string, end_date: string) => ({
    id, client_id: 3, product_id, status, start_date: '2026-02-01', end_date, years: 1, seats: 4,
    auto_renew: false, cancelled: false, renewed: status === 'renewed',
});
const refs: Record<string, object[]> = {
    products: [{ id: 1, code: 'TBox', name: 'TBox' }, { id: 2, code: 'TSend', name: 'TSend' }],
    partners: [{ id: 1, name: 'Distrib Ouest', email: 'a@b.fr' }],
};

/** The subscriptions of `client`, answered by `getManyReference`. */
const renderSubscriptions = (getManyReference: ReturnType<typeof vi.fn>) =>
    renderWithAdmin(
        <ResourceContextProvider value="clients">
            <RecordContextProvider value={client}>
                <ClientSubscriptions />
            </RecordContextProvider>
        </ResourceContextProvider>,
        {
            dataProvider: fakeDataProvider({ getManyReference, getMany: getManyFrom(refs) }),
            initialEntries: ['/clients/3/show'],
        },
    );

describe("<ClientShow>'s subscriptions", () => {
    it('marks a renewed subscription with the green check next to its product', async () => {
        const getManyReference = vi.fn().mockResolvedValue({
            data: [subscription(7, 1, 'renewed', '2026-12-31'), subscription(8, 2, 'expiring', '2027-01-31')],
            total: 2,
        });
        renderSubscriptions(getManyReference);
        const rowOf = async (code: string) => (await screen.findByText(code)).closest('tr') as HTMLElement;
        const renewed = await rowOf('TBox');
        expect(getManyReference).toHaveBeenCalledWith('subscriptions', expect.objectContaining({ target: 'client_id', id: 3 }));
        const check = within(renewed).getByTestId('renewed-check');
        // next to the product's code, not only inside the status chip
        expect(check.closest('td')).toBe(within(renewed).getByText('TBox').closest('td'));
        expect(within(renewed).getByTitle('Renouvelé')).toBeInTheDocument();
        const expiring = await rowOf('TSend');
        await waitFor(() => expect(expiring).toHaveTextContent('Expire bientôt'));
        expect(within(expiring).queryByTestId('renewed-check')).toBeNull();
    });

    describe('on a phone', () => {
        afterEach(() => vi.unstubAllGlobals());

        it('shows each subscription as a card: its term in words, auto-renewal, Renouveler', async () => {
            smallScreen();
            renderSubscriptions(
                vi.fn().mockResolvedValue({
                    data: [subscription(8, 2, 'expiring', '2027-01-31'), { ...subscription(9, 1, 'active', '2028-01-31'), years: 2, seats: 1 }],
                    total: 2,
                }),
            );
            const cards = await screen.findAllByTestId('subscription-card');
            expect(cards).toHaveLength(2);
            expect(screen.queryByRole('table')).toBeNull();
            await waitFor(() => expect(cards[0]).toHaveTextContent('TSend'));
            expect(cards[0]).toHaveTextContent('Du 01/02/2026 au 31/01/2027 · 1 an · 4 licences utilisateurs');
            expect(cards[1]).toHaveTextContent('2 ans · 1 licence utilisateur');
            expect(within(cards[0]).getByText('Renouvellement automatique')).toBeInTheDocument();
            expect(within(cards[0]).getByRole('button', { name: /Renouveler/ })).toBeInTheDocument();
        });
    });
});
