import { describe, expect, it, vi } from 'vitest';
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { HttpError, RecordContextProvider, ResourceContextProvider } from 'react-admin';
import { ClientSubscriptions } from '../../client/src/clients/ClientShow';
import { UndoCreationButton } from '../../client/src/clients/UndoCreationButton';
import { fakeDataProvider, renderWithAdmin, getManyFrom } from './renderWithAdmin';

const inDays = (days: number) => new Date(Date.now() + days * 86_400_000).toISOString();
const client = { id: 3, name: 'Boulangerie Martin', partner_id: 1, reseller_id: null, status: 'active', end_date: '2027-01-31' };
const subscription = (id: number, product_id: number, extra: Record<string, unknown> = {}) => ({
    id, client_id: 3, product_id, status: 'active', start_date: '2026-02-01', end_date: '2027-01-31', years: 1, seats: 4,
    auto_renew: false, cancelled: false, renewed: false, next_seats: null, next_years: null,
    auto_renew_exhausted: false, auto_renew_failing_since: null, undo_until: null, ...extra,
});
const refs: Record<string, object[]> = {
    products: [{ id: 1, code: 'TBox', name: 'TBox' }, { id: 2, code: 'TSend', name: 'TSend' }],
};

const renderSubscriptions = (rows: object[], methods: Record<string, unknown> = {}) =>
    renderWithAdmin(
        <ResourceContextProvider value="clients">
            <RecordContextProvider value={client}>
                <ClientSubscriptions />
            </RecordContextProvider>
        </ResourceContextProvider>,
        {
            dataProvider: fakeDataProvider({
                getManyReference: vi.fn().mockResolvedValue({ data: rows, total: rows.length }),
                getMany: getManyFrom(refs),
                ...methods,
            }),
            initialEntries: ['/clients/3/show'],
        },
    );
const rowOf = async (code: string) => (await screen.findByText(code)).closest('tr') as HTMLElement;

describe('subscription lifecycle on the client page', () => {
    it('shows "Annuler le renouvellement" only while undo_until is in the future, and says how many licenses returned', async () => {
        const undoRenewal = vi.fn().mockResolvedValue({ ...subscription(7, 1), returned: 8 });
        renderSubscriptions(
            [subscription(7, 1, { undo_until: inDays(3) }), subscription(8, 2, { undo_until: inDays(-1) })],
            { undoRenewal },
        );
        const open = await rowOf('TBox');
        const closed = await rowOf('TSend');
        expect(within(closed).queryByRole('button', { name: 'Annuler le renouvellement' })).toBeNull();
        const user = userEvent.setup();
        await user.click(within(open).getByRole('button', { name: 'Annuler le renouvellement' }));
        const confirm = await screen.findByRole('dialog');
        expect(confirm).toHaveTextContent('Annuler le dernier renouvellement ?');
        await user.click(within(confirm).getByRole('button', { name: 'Confirmer' }));
        expect(undoRenewal).toHaveBeenCalledWith(7, expect.any(String));
        await screen.findByText('Renouvellement annulé : 8 licences rendues au stock');
    });

    it('translates the 409 undo_refused of a window that closed meanwhile', async () => {
        const undoRenewal = vi.fn().mockRejectedValue(
            new HttpError('Undo refused', 409, { message: 'Undo refused: the window has closed', code: 'undo_refused' }),
        );
        renderSubscriptions([subscription(7, 1, { undo_until: inDays(1) })], { undoRenewal });
        const user = userEvent.setup();
        await user.click(within(await rowOf('TBox')).getByRole('button', { name: 'Annuler le renouvellement' }));
        await user.click(within(await screen.findByRole('dialog')).getByRole('button', { name: 'Confirmer' }));
        await screen.findByText(/Annulation impossible : le délai est dépassé/);
    });

    it('the auto-renew switch sends only {auto_renew} for that subscription, and failures show', async () => {
        const update = vi.fn(async (_resource: string, params: { id: number; data: object }) => ({
            data: { ...subscription(params.id, 1), ...params.data },
        }));
        renderSubscriptions(
            [subscription(7, 1), subscription(8, 2, { auto_renew: true, auto_renew_failing_since: '2026-11-20' })],
            { update },
        );
        const failing = await rowOf('TSend');
        expect(within(failing).getByTestId('auto-renew-problem')).toHaveTextContent('En échec depuis le 20/11/2026');
        const row = await rowOf('TBox');
        const user = userEvent.setup();
        const toggle = within(row).getByRole('switch', { name: 'Renouvellement automatique' });
        expect(toggle).not.toBeChecked();
        await user.click(toggle);
        await waitFor(() => expect(update).toHaveBeenCalledTimes(1));
        expect(update.mock.calls[0][0]).toBe('subscriptions');
        expect(update.mock.calls[0][1].id).toBe(7);
        expect(update.mock.calls[0][1].data).toEqual({ auto_renew: true });
        await screen.findByText('Renouvellement automatique activé');
    });

    it("shows an exhausted auto-renewal and a scheduled change; the renew dialog opens with the server's defaults", async () => {
        // the server's quote without years/seats: the scheduled change (8 × 2) applied to the latest term
        const renewalQuote = vi.fn().mockResolvedValue({
            pool_id: 1, manager_name: 'Revendeur Alpha', client_name: 'Boulangerie Martin', product_name: 'TBox',
            years: 2, seats: 8, already_renewed: false, latest_end_date: '2027-01-31',
            balance: 50, cost: 16, remaining_after: 34, start_date: '2027-02-01', end_date: '2029-01-31',
        });
        renderSubscriptions(
            [subscription(7, 1, { auto_renew: true, auto_renew_exhausted: true, next_seats: 8, next_years: 2 })],
            { renewalQuote, getList: vi.fn().mockResolvedValue({ data: refs.products, total: 2 }) },
        );
        const row = await rowOf('TBox');
        expect(within(row).getByTestId('auto-renew-problem')).toHaveTextContent('Abandonné');
        expect(within(row).getByTestId('scheduled-change')).toHaveTextContent('Au renouvellement : 8 × 2 an(s)');
        const user = userEvent.setup();
        await user.click(within(row).getByRole('button', { name: 'Renouveler' }));
        const dialog = await screen.findByRole('dialog');
        expect(await within(dialog).findByLabelText("Nombre d'années")).toHaveValue(2);
        expect(within(dialog).getByLabelText('Licences utilisateurs')).toHaveValue(8);
        expect(renewalQuote).toHaveBeenCalledWith(7, {});
        expect(within(dialog).getByRole('heading')).toHaveTextContent('Renouveler TBox — Boulangerie Martin');
    });

    it('"Ne pas renouveler" asks for a confirm, then sends {cancelled: true}', async () => {
        const update = vi.fn(async (_resource: string, params: { id: number; data: object }) => ({
            data: { ...subscription(params.id, 1), ...params.data, status: 'cancelled' },
        }));
        renderSubscriptions([subscription(7, 1, { status: 'expiring' })], { update });
        const user = userEvent.setup();
        await user.click(within(await rowOf('TBox')).getByRole('button', { name: 'Autres actions' }));
        await user.click(await screen.findByRole('menuitem', { name: 'Ne pas renouveler' }));
        const confirm = await screen.findByRole('dialog');
        expect(update).not.toHaveBeenCalled();
        await user.click(within(confirm).getByRole('button', { name: 'Ne pas renouveler' }));
        await waitFor(() => expect(update).toHaveBeenCalledTimes(1));
        expect(update.mock.calls[0][1].data).toEqual({ cancelled: true });
        await screen.findByText('Abonnement marqué « ne pas renouveler »');
    });
});

describe('<UndoCreationButton>', () => {
    const renderButton = (undo_until: string | null, methods: Record<string, unknown> = {}) =>
        renderWithAdmin(
            <RecordContextProvider value={{ ...client, undo_until }}>
                <UndoCreationButton />
            </RecordContextProvider>,
            { dataProvider: fakeDataProvider(methods), initialEntries: ['/clients/3/show'] },
        );

    it('is absent once the window has closed, or without one', () => {
        renderButton(inDays(-0.01));
        expect(screen.queryByRole('button', { name: 'Annuler la création' })).toBeNull();
    });

    it('undoes the creation after a confirm and says how many licenses returned', async () => {
        const undoClientCreation = vi.fn().mockResolvedValue({ ...client, returned: 12 });
        renderButton(inDays(6), { undoClientCreation });
        const user = userEvent.setup();
        await user.click(screen.getByRole('button', { name: 'Annuler la création' }));
        const confirm = await screen.findByRole('dialog');
        expect(confirm).toHaveTextContent('Annuler la création de Boulangerie Martin ?');
        await user.click(within(confirm).getByRole('button', { name: 'Confirmer' }));
        expect(undoClientCreation).toHaveBeenCalledWith(3, expect.any(String));
        await screen.findByText('Création annulée : 12 licences rendues au stock');
    });
});
