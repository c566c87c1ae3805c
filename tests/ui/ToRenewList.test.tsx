import { afterEach, describe, expect, it, vi } from 'vitest';
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { ToRenewList } from '../../client/src/subscriptions/ToRenewList';
import { fakeDataProvider, renderWithAdmin, smallScreen, getManyFrom } from './renderWithAdmin';

const rows = [
    {
        id: 7, client_id: 3, client_name: 'Boulangerie Martin', product_id: 1, reseller_id: 5, partner_id: 1,
        status: 'expiring', start_date: '2025-03-01', end_date: '2026-02-28', years: 1, seats: 12,
        auto_renew: false, cancelled: false, renewed: false,
    },
    {
        id: 8, client_id: 4, client_name: 'Garage Durand', product_id: 2, reseller_id: null, partner_id: 1,
        status: 'expired', start_date: '2024-01-01', end_date: '2025-12-31', years: 2, seats: 3,
        auto_renew: false, cancelled: false, renewed: false,
    },
];
const refs: Record<string, object[]> = {
    products: [{ id: 1, code: 'TBox', name: 'TBox' }, { id: 2, code: 'TSend', name: 'TSend' }],
    resellers: [{ id: 5, name: 'Revendeur Alpha', partner_id: 1 }],
};

describe('<ToRenewList>', () => {
    it('shows the seven columns and turns a row green-check after renewing, without reload', async () => {
        const getList = vi.fn().mockResolvedValue({ data: rows, total: 2 });
        const renew = vi.fn().mockResolvedValue({
            ...rows[0], status: 'renewed', renewed: true, remaining_after: 26,
        });
        renderWithAdmin(<ToRenewList />, {
            dataProvider: fakeDataProvider({
                getList,
                getMany: getManyFrom(refs),
                renewalQuote: vi.fn().mockResolvedValue({
                    pool_id: 1, manager_name: 'Revendeur Alpha', client_name: 'Boulangerie Martin',
                    balance: 50, cost: 12, remaining_after: 38, start_date: '2026-03-01', end_date: '2027-02-28',
                }),
                renew,
            }),
            initialEntries: ['/to-renew'],
        });
        const row = (await screen.findByText('Boulangerie Martin')).closest('tr') as HTMLElement;
        expect(getList.mock.calls[0][0]).toBe('subscriptions');
        expect(getList.mock.calls[0][1].filter).toMatchObject({ to_renew: true });
        const headers = screen.getAllByRole('columnheader').map(cell => cell.textContent?.trim());
        for (const label of ['Nom client', 'Abonnement', 'Nom revendeur', 'Date de début', 'Date de fin', 'Durée (années)', 'À renouveler']) {
            expect(headers).toContain(label);
        }
        await waitFor(() => expect(row).toHaveTextContent('TBox'));
        expect(row).toHaveTextContent('Revendeur Alpha');
        expect(row).toHaveTextContent('01/03/2025');
        expect(row).toHaveTextContent('28/02/2026');
        expect(within(row).queryByTestId('renewed-check')).toBeNull();

        const user = userEvent.setup();
        await user.click(within(row).getByRole('button', { name: 'Renouveler' }));
        const dialog = await screen.findByRole('dialog');
        await waitFor(() => expect(within(dialog).getByTestId('renew-balance')).toHaveValue('50'));
        await user.click(within(dialog).getByRole('button', { name: 'OK' }));
        await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull());
        expect(renew).toHaveBeenCalledWith(7, { years: 1, seats: 12 }, expect.any(String));
        const renewedRow = screen.getByText('Boulangerie Martin').closest('tr') as HTMLElement;
        expect(within(renewedRow).getByTestId('renewed-check')).toBeInTheDocument();
        expect(getList).toHaveBeenCalledTimes(1); // no reload: the cache was updated in place
    });

    it('shows the green check of a renewed row in the small-screen list too', async () => {
        smallScreen();
        const renewed = { ...rows[0], status: 'renewed', renewed: true };
        renderWithAdmin(<ToRenewList />, {
            dataProvider: fakeDataProvider({
                getList: vi.fn().mockResolvedValue({ data: [renewed, rows[1]], total: 2 }),
                getMany: getManyFrom(refs),
            }),
            initialEntries: ['/to-renew'],
        });
        const item = (await screen.findByText('Boulangerie Martin')).closest('li') as HTMLElement;
        expect(screen.queryByRole('table')).toBeNull();
        expect(within(item).getByTestId('renewed-check')).toBeInTheDocument();
        const other = screen.getByText('Garage Durand').closest('li') as HTMLElement;
        expect(within(other).queryByTestId('renewed-check')).toBeNull();
    });
});

afterEach(() => vi.unstubAllGlobals());
