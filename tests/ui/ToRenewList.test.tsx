import { afterEach, describe, expect, it, vi } from 'vitest';
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { ToRenewList } from '../../client/src/subscriptions/ToRenewList';
import { fireEvent } from '@testing-library/react';
import { fakeAuthProvider, fakeDataProvider, renderWithAdmin, smallScreen, getManyFrom } from './renderWithAdmin';

const inDays = (days: number) => new Date(Date.now() + days * 86_400_000).toISOString();
const rows = [
    {
        id: 7, client_id: 3, client_name: 'Boulangerie Martin', product_id: 1, reseller_id: 5, reseller_name: 'Revendeur Alpha', partner_id: 1,
        status: 'expiring', start_date: '2025-03-01', end_date: '2026-02-28', years: 1, seats: 12,
        auto_renew: false, cancelled: false, renewed: false, undo_until: null,
    },
    {
        id: 8, client_id: 4, client_name: 'Garage Durand', product_id: 2, reseller_id: null, reseller_name: null, partner_id: 1,
        status: 'expired', start_date: '2024-01-01', end_date: '2025-12-31', years: 2, seats: 3,
        auto_renew: false, cancelled: false, renewed: false, undo_until: null,
    },
    {
        id: 9, client_id: 5, client_name: 'Pharmacie Leroy', product_id: 1, reseller_id: 5, reseller_name: 'Revendeur Alpha', partner_id: 1,
        status: 'expiring', start_date: '2025-04-01', end_date: '2026-03-31', years: 1, seats: 4,
        auto_renew: false, cancelled: false, renewed: false, undo_until: null,
    },
];
const refs: Record<string, object[]> = {
    products: [{ id: 1, code: 'TBox', name: 'TBox — stockage' }, { id: 2, code: 'TSend', name: 'TSend — envoi' }],
    resellers: [{ id: 5, name: 'Revendeur Alpha', partner_id: 1 }],
};

/** The subscriptions page asked, and the referenced tables. */
const listOf = (subscriptions: object[]) =>
    vi.fn(async (resource: string) =>
        resource === 'subscriptions'
            ? { data: subscriptions, total: subscriptions.length }
            : { data: refs[resource] ?? [], total: (refs[resource] ?? []).length },
    );
const subscriptionCalls = (getList: ReturnType<typeof listOf>) =>
    getList.mock.calls.filter(([resource]) => resource === 'subscriptions') as unknown as [string, { filter: object }][];

const render = (methods: Record<string, unknown>, role: 'admin' | 'partner' | 'reseller' = 'partner') =>
    renderWithAdmin(<ToRenewList />, {
        authProvider: fakeAuthProvider(role),
        dataProvider: fakeDataProvider({
            getMany: getManyFrom(refs),
            serverToday: vi.fn().mockResolvedValue('2026-12-03'),
            ...methods,
        }),
        initialEntries: ['/to-renew'],
    });

const names = () =>
    screen
        .getAllByRole('row')
        .slice(1)
        .map(row => row.querySelector('.column-client_name span > span')?.textContent);

describe('<ToRenewList>', () => {
    it('keeps a renewed expired row in place with its check and undo button, without reload', async () => {
        const getList = listOf(rows);
        // renewed from today: the new term is the current one, the server says "active"
        const renew = vi.fn().mockResolvedValue({
            ...rows[1], status: 'active', renewed: false, undo_until: inDays(7), remaining_after: 26,
            term: { id: 99, start_date: '2026-12-03', end_date: '2028-12-02', years: 2, seats: 3 },
        });
        const renewalQuote = vi.fn().mockResolvedValue({
            pool_id: 1, manager_name: 'Revendeur Alpha', client_name: 'Garage Durand', product_name: 'TSend — envoi',
            years: 2, seats: 3, already_renewed: false, latest_end_date: '2025-12-31',
            balance: 50, cost: 6, remaining_after: 44, start_date: '2026-12-03', end_date: '2028-12-02',
        });
        render({ getList, renewalQuote, renew });
        const row = (await screen.findByText('Garage Durand')).closest('tr') as HTMLElement;
        expect(subscriptionCalls(getList)[0][1].filter).toMatchObject({ to_renew: true });
        const headers = screen.getAllByRole('columnheader').map(cell => cell.textContent?.trim());
        // DESIGN §5's columns
        for (const label of ['Nom client', 'Abonnement', 'Nom revendeur', 'Date de début', 'Date de fin', 'Durée (années)', 'À renouveler']) {
            expect(headers).toContain(label);
        }
        await waitFor(() => expect(row).toHaveTextContent('TSend'));
        expect(row).toHaveTextContent('01/01/2024');
        expect(row).toHaveTextContent('31/12/2025');
        expect(within(row).getByText('—')).toBeInTheDocument(); // a direct client: no reseller
        expect((await screen.findByText('Boulangerie Martin')).closest('tr')).toHaveTextContent('Revendeur Alpha');
        expect(within(row).queryByTestId('renewed-check')).toBeNull();
        const before = names();

        const user = userEvent.setup();
        await user.click(within(row).getByRole('button', { name: 'Renouveler' }));
        const dialog = await screen.findByRole('dialog');
        expect(await within(dialog).findByRole('heading')).toHaveTextContent('Renouveler TSend — Garage Durand');
        // OK waits for the quote (the dialog's code arrives at the tap, the quote after it)
        const ok = within(dialog).getByRole('button', { name: 'OK' });
        await waitFor(() => expect(ok).toBeEnabled());
        await user.click(ok);
        await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull());
        expect(renew).toHaveBeenCalledWith(8, { years: 2, seats: 3 }, expect.any(String));
        await screen.findByText(/Abonnement renouvelé jusqu’au 02\/12\/2028/);

        // the patched row renders in the list's deferred pass, just after the message
        await waitFor(() => {
            const renewedRow = screen.getByText('Garage Durand').closest('tr') as HTMLElement;
            expect(within(renewedRow).getByTestId('renewed-check')).toBeInTheDocument();
            expect(renewedRow).toHaveTextContent('Renouvelé');
            expect(within(renewedRow).getByRole('button', { name: 'Annuler le renouvellement' })).toBeInTheDocument();
        });
        expect(names()).toEqual(before); // same place
        expect(subscriptionCalls(getList)).toHaveLength(1); // no reload: the row was patched in place
    });

    it('"Renouvelés ce mois-ci" lists the renewals since the first day of the server\'s month', async () => {
        const getList = listOf([]);
        render({ getList });
        const user = userEvent.setup();
        await screen.findByText('Aucun abonnement à renouveler');
        await user.click(screen.getByRole('tab', { name: 'Renouvelés ce mois-ci' }));
        await screen.findByText('Aucun renouvellement ce mois-ci');
        expect(subscriptionCalls(getList).at(-1)?.[1].filter).toEqual({ renewed_from: '2026-12-01' });
    });

    it('filters by status and by product (short names)', async () => {
        const getList = listOf(rows);
        render({ getList });
        const user = userEvent.setup();
        await screen.findByText('Garage Durand');
        await user.click(screen.getByRole('combobox', { name: 'Statut' }));
        await user.click(await screen.findByRole('option', { name: 'Expiré' }));
        await waitFor(() => expect(subscriptionCalls(getList).at(-1)?.[1].filter).toMatchObject({ status: 'expired', to_renew: true }));
        await user.click(screen.getByRole('combobox', { name: 'Produit' }));
        await user.click(await screen.findByRole('option', { name: 'TSend' }));
        await waitFor(() =>
            expect(subscriptionCalls(getList).at(-1)?.[1].filter).toMatchObject({ status: 'expired', product_id: 2 }),
        );
    });

    it('filters by a period of end dates, and by reseller for a partner', async () => {
        const getList = listOf(rows);
        render({ getList });
        const user = userEvent.setup();
        await screen.findByText('Garage Durand');
        await user.click(screen.getByRole('button', { name: 'Ajouter un filtre' }));
        expect(await screen.findByRole('menuitemcheckbox', { name: 'Revendeur' })).toBeInTheDocument();
        await user.click(screen.getByRole('menuitemcheckbox', { name: 'Fin à partir du' }));
        fireEvent.change(await screen.findByLabelText('Fin à partir du'), { target: { value: '01/01/2026' } });
        await user.click(screen.getByRole('button', { name: 'Ajouter un filtre' }));
        await user.click(await screen.findByRole('menuitemcheckbox', { name: 'Fin jusqu’au' }));
        fireEvent.change(await screen.findByLabelText('Fin jusqu’au'), { target: { value: '31/03/2026' } });
        await waitFor(() =>
            expect(subscriptionCalls(getList).at(-1)?.[1].filter).toMatchObject({
                to_renew: true,
                end_date_gte: '2026-01-01',
                end_date_lte: '2026-03-31',
            }),
        );
    });

    it('offers a reseller no reseller filter', async () => {
        render({ getList: listOf(rows) }, 'reseller');
        const user = userEvent.setup();
        await screen.findByText('Garage Durand');
        await user.click(screen.getByRole('button', { name: 'Ajouter un filtre' }));
        await screen.findByRole('menuitemcheckbox', { name: 'Fin à partir du' });
        expect(screen.queryByRole('menuitemcheckbox', { name: 'Revendeur' })).toBeNull();
    });

    it('on a phone, each row shows client, product, end date, status and Renouveler', async () => {
        smallScreen();
        const renewed = { ...rows[0], status: 'renewed', renewed: true };
        render({ getList: listOf([renewed, rows[1]]) });
        const item = (await screen.findByText('Boulangerie Martin')).closest('li') as HTMLElement;
        expect(screen.queryByRole('table')).toBeNull();
        expect(within(item).getByTestId('renewed-check')).toBeInTheDocument();
        const other = screen.getByText('Garage Durand').closest('li') as HTMLElement;
        await waitFor(() => expect(other).toHaveTextContent('TSend'));
        expect(other).toHaveTextContent('31/12/2025');
        expect(other).toHaveTextContent('Expiré');
        expect(within(other).getByRole('button', { name: 'Renouveler' })).toBeInTheDocument();
        expect(within(other).queryByTestId('renewed-check')).toBeNull();
    });
});

afterEach(() => vi.unstubAllGlobals());
