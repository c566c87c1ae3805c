import { describe, expect, it, vi } from 'vitest';
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import type { Identifier } from 'react-admin';
import { ToRenewList } from '../../client/src/subscriptions/ToRenewList';
import { fakeDataProvider, renderWithAdmin, getManyFrom } from './renderWithAdmin';

const inDays = (days: number) => new Date(Date.now() + days * 86_400_000).toISOString();
const row = (id: number, client_name: string, seats: number, years: number) => ({
    id, client_id: id + 100, client_name, product_id: 1, reseller_id: 5, partner_id: 1, status: 'expiring',
    start_date: '2025-03-01', end_date: '2026-02-28', years, seats, auto_renew: false, cancelled: false, renewed: false,
    undo_until: null,
});
// each subscription has its own duration: 1 year, 3 years, 1 year
const rows = [row(7, 'Boulangerie Martin', 2, 1), row(8, 'Garage Durand', 3, 3), row(9, 'Pharmacie Leroy', 4, 1)];
const products = [{ id: 1, code: 'TBox', name: 'TBox — stockage et partage de fichiers' }];
const refs: Record<string, object[]> = { products, resellers: [{ id: 5, name: 'Revendeur Alpha', partner_id: 1 }] };

/** The server's quote: {ids} at each line's own years, {lines} at the given ones; one pool of 20 licences. */
const bulkRenewalQuote = vi.fn(async (request: { ids: Identifier[] } | { lines: { id: Identifier; years: number }[] }) => {
    const wanted = 'ids' in request ? request.ids.map(id => ({ id, years: rows.find(r => r.id === id)!.years })) : request.lines;
    const lines = wanted.map(({ id, years }) => {
        const r = rows.find(candidate => candidate.id === id)!;
        return {
            id, client_name: r.client_name, product_name: products[0].name, seats: r.seats, years, cost: r.seats * years,
            start_date: '2026-03-01', end_date: `${2026 + years}-02-28`, pool_id: 11,
        };
    });
    const cost = lines.reduce((sum, line) => sum + line.cost, 0);
    return {
        subscriptions: lines,
        pools: [{ pool_id: 11, manager_name: 'Revendeur Alpha', product_id: 1, balance: 20, cost, remaining_after: 20 - cost }],
        not_found: [],
    };
});

describe('bulk renewal from the to-renew list', () => {
    it('starts each line from its own years, lets them change, sends [{id, years}] with a key, names the results', async () => {
        const getList = vi.fn(async (resource: string) =>
            resource === 'subscriptions' ? { data: rows, total: rows.length } : { data: refs[resource] ?? [], total: 1 },
        );
        const bulkRenew = vi.fn().mockResolvedValue({
            results: [
                { id: 7, status: 201, remaining_after: 2, end_date: '2028-02-28', client_name: 'Boulangerie Martin', product_name: products[0].name },
                { id: 8, status: 409, code: 'insufficient_licenses', message: 'Insufficient licenses: 9 needed, 2 remaining', client_name: 'Garage Durand', product_name: products[0].name },
            ],
        });
        const renewed = { ...rows[0], status: 'renewed', renewed: true, undo_until: inDays(7) };
        const getMany = vi.fn(async (resource: string, params: { ids: Identifier[] }) =>
            resource === 'subscriptions' ? { data: params.ids.includes(7) ? [renewed] : [] } : getManyFrom(refs)(resource, params),
        );
        renderWithAdmin(<ToRenewList />, {
            dataProvider: fakeDataProvider({
                getList, getMany, bulkRenewalQuote, bulkRenew, serverToday: vi.fn().mockResolvedValue('2026-12-03'),
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
        expect(bulkRenewalQuote).toHaveBeenCalledWith({ ids: [7, 8] });
        // each line from its own years: 2 × 1 + 3 × 3 = 11 of 20
        const martin = await within(dialog).findByLabelText('Années de renouvellement de TBox — Boulangerie Martin');
        const durand = within(dialog).getByLabelText('Années de renouvellement de TBox — Garage Durand');
        expect(martin).toHaveValue(1);
        expect(durand).toHaveValue(3);
        await waitFor(() => expect(within(dialog).getByTestId('bulk-remaining')).toHaveTextContent('9'));

        // Martin for 2 years: 4 + 9 = 13, quoted per line
        await user.clear(martin);
        await user.type(martin, '2');
        await waitFor(() => expect(within(dialog).getByTestId('bulk-remaining')).toHaveTextContent('7'));
        expect(bulkRenewalQuote).toHaveBeenLastCalledWith({ lines: [{ id: 7, years: 2 }, { id: 8, years: 3 }] });
        const martinLine = within(dialog).getAllByTestId('bulk-line')[0];
        expect(martinLine).toHaveTextContent('28/02/2028');

        // an invalid line blocks the renewal
        await user.clear(durand);
        await user.type(durand, '11');
        expect(within(dialog).getByRole('button', { name: 'Renouveler' })).toBeDisabled();
        await user.clear(durand);
        await user.type(durand, '3');
        await waitFor(() => expect(within(dialog).getByRole('button', { name: 'Renouveler' })).toBeEnabled());

        await user.click(within(dialog).getByRole('button', { name: 'Renouveler' }));
        expect(bulkRenew).toHaveBeenCalledWith([{ id: 7, years: 2 }, { id: 8, years: 3 }], expect.stringMatching(/^[0-9a-f-]{36}$/));
        const results = await within(dialog).findByTestId('bulk-results');
        expect(within(dialog).getByTestId('bulk-summary')).toHaveTextContent('Résultat : 1 renouvelé(s), 1 en échec');
        const [ok, failed] = within(results).getAllByRole('listitem');
        expect(ok).toHaveAttribute('data-status', 'renewed');
        expect(ok).toHaveTextContent('TBox — Boulangerie Martin');
        expect(ok).toHaveTextContent('Renouvelé jusqu’au 28/02/2028');
        expect(failed).toHaveAttribute('data-status', 'failed');
        expect(failed).toHaveTextContent('TBox — Garage Durand');
        expect(failed).toHaveTextContent('Licences insuffisantes dans le stock du gestionnaire');
        expect(failed).not.toHaveTextContent('Insufficient');

        await user.click(within(dialog).getByRole('button', { name: 'Fermer' }));
        await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull());
        // the renewed row stays, in place, with its check and undo; the failed one stays as it was
        const martinRow = await rowOf('Boulangerie Martin');
        await waitFor(() => expect(within(martinRow).getByTestId('renewed-check')).toBeInTheDocument());
        expect(within(martinRow).getByRole('button', { name: 'Annuler le renouvellement' })).toBeInTheDocument();
        expect(within(await rowOf('Garage Durand')).queryByTestId('renewed-check')).toBeNull();
        expect(getList.mock.calls.filter(([resource]) => resource === 'subscriptions')).toHaveLength(1);
        await waitFor(() => expect(screen.getAllByRole('checkbox').filter(box => (box as HTMLInputElement).checked)).toHaveLength(0));
    });
});
