import { describe, expect, it, vi } from 'vitest';
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { ToRenewList } from '../../client/src/subscriptions/ToRenewList';
import { fakeDataProvider, renderWithAdmin, getManyFrom } from './renderWithAdmin';

const row = (id: number, client_name: string, seats: number) => ({
    id, client_id: id + 100, client_name, product_id: 1, reseller_id: 5, partner_id: 1, status: 'expiring',
    start_date: '2025-03-01', end_date: '2026-02-28', years: 1, seats, auto_renew: false, cancelled: false, renewed: false,
});
const rows = [row(7, 'Boulangerie Martin', 12), row(8, 'Garage Durand', 3), row(9, 'Pharmacie Leroy', 4)];
const refs: Record<string, object[]> = {
    products: [{ id: 1, code: 'TBox', name: 'TBox' }],
    resellers: [{ id: 5, name: 'Revendeur Alpha', partner_id: 1 }],
};

/** The server's quote for the selected ids: one pool of 20 licenses, seats × years each. */
const bulkRenewalQuote = vi.fn(async (ids: number[], years: number) => {
    const lines = rows.filter(r => ids.includes(r.id)).map(r => ({
        id: r.id, client_name: r.client_name, seats: r.seats, years, cost: r.seats * years,
        start_date: '2026-03-01', end_date: `${2026 + years}-02-28`, pool_id: 11,
    }));
    const cost = lines.reduce((sum, line) => sum + line.cost, 0);
    return {
        subscriptions: lines,
        pools: [{ pool_id: 11, manager_name: 'Revendeur Alpha', product_id: 1, balance: 20, cost, remaining_after: 20 - cost }],
        not_found: [],
    };
});

describe('bulk renewal from the to-renew list', () => {
    it('shows the totals per pool, warns when one goes negative, then lists successes and failures', async () => {
        const getList = vi.fn().mockResolvedValue({ data: rows, total: rows.length });
        const bulkRenew = vi.fn().mockResolvedValue({
            results: [
                { id: 7, status: 201, remaining_after: 8, end_date: '2027-02-28' },
                { id: 8, status: 409, code: 'insufficient_licenses', message: 'Insufficient licenses: 3 needed, 0 remaining' },
            ],
        });
        renderWithAdmin(<ToRenewList />, {
            dataProvider: fakeDataProvider({
                getList,
                getMany: getManyFrom(refs),
                bulkRenewalQuote,
                bulkRenew,
            }),
            initialEntries: ['/to-renew'],
        });
        const user = userEvent.setup();
        const rowOf = async (name: string) => (await screen.findByText(name)).closest('tr') as HTMLElement;
        await user.click(within(await rowOf('Boulangerie Martin')).getByRole('checkbox'));
        await user.click(within(await rowOf('Garage Durand')).getByRole('checkbox'));
        await user.click(screen.getByRole('button', { name: 'Renouveler la sélection' }));

        const dialog = await screen.findByRole('dialog');
        expect(dialog).toHaveTextContent('Renouveler 2 abonnements');
        // 1 year: 12 + 3 = 15 of 20
        const pools = await within(dialog).findByTestId('bulk-pools');
        await waitFor(() => expect(within(pools).getByTestId('bulk-remaining')).toHaveTextContent('5'));
        const poolRow = within(pools).getAllByRole('row')[1];
        expect(poolRow).toHaveTextContent('Revendeur Alpha');
        expect(within(poolRow).getAllByRole('cell').map(cell => cell.textContent)).toEqual(
            expect.arrayContaining(['20', '15', '5']),
        );
        expect(within(dialog).queryByTestId('bulk-short')).toBeNull();
        expect(bulkRenewalQuote).toHaveBeenLastCalledWith([7, 8], 1);

        // 2 years: 30 of 20, remaining −10 in red with a warning
        const years = within(dialog).getByLabelText("Nombre d'années de renouvellement");
        await user.clear(years);
        await user.type(years, '2');
        await waitFor(() => expect(within(dialog).getByTestId('bulk-remaining')).toHaveTextContent('-10'));
        expect(within(dialog).getByTestId('bulk-short')).toHaveTextContent('Stock insuffisant pour Revendeur Alpha');
        expect(bulkRenewalQuote).toHaveBeenLastCalledWith([7, 8], 2);

        const listLoads = getList.mock.calls.filter(call => call[0] === 'subscriptions').length;
        await user.click(within(dialog).getByRole('button', { name: 'Renouveler' }));
        expect(bulkRenew).toHaveBeenCalledWith([7, 8], 2);
        const results = await within(dialog).findByTestId('bulk-results');
        expect(within(dialog).getByTestId('bulk-summary')).toHaveTextContent('Résultat : 1 renouvelé(s), 1 en échec');
        const [renewed, failed] = within(results).getAllByRole('listitem');
        expect(renewed).toHaveAttribute('data-status', 'renewed');
        expect(renewed).toHaveTextContent('Boulangerie Martin');
        expect(renewed).toHaveTextContent('Renouvelé jusqu’au 28/02/2027');
        expect(failed).toHaveAttribute('data-status', 'failed');
        expect(failed).toHaveTextContent('Garage Durand');
        expect(failed).toHaveTextContent('Licences insuffisantes dans le stock du gestionnaire');
        expect(failed).not.toHaveTextContent('Insufficient');

        // the list was fetched again under the results
        await waitFor(() => expect(getList.mock.calls.filter(call => call[0] === 'subscriptions').length).toBeGreaterThan(listLoads));
        // the results stay on screen until closed, then the selection is emptied
        expect(within(dialog).getByTestId('bulk-results')).toBeInTheDocument();
        await user.click(within(dialog).getByRole('button', { name: 'Fermer' }));
        await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull());
        await waitFor(() => expect(screen.getAllByRole('checkbox').filter(box => (box as HTMLInputElement).checked)).toHaveLength(0));
    });
});
