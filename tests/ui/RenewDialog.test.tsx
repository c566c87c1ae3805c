import { describe, expect, it, vi } from 'vitest';
import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { HttpError, RecordContextProvider } from 'react-admin';
import { RenewButton } from '../../client/src/subscriptions/RenewButton';
import type { RenewalQuote, Subscription } from '../../client/src/providers/dataProvider';
import { fakeDataProvider, renderWithAdmin } from './renderWithAdmin';

// The row shows the current term (1 × 5); the latest term, quoted by the server, is 2 years × 8 seats.
const subscription: Subscription = {
    id: 7,
    client_id: 3,
    client_name: 'Boulangerie Martin',
    product_id: 1,
    status: 'expiring',
    start_date: '2025-03-01',
    end_date: '2026-02-28',
    years: 1,
    seats: 5,
    auto_renew: false,
    cancelled: false,
    renewed: false,
};

/** The server's quote: cost = years × seats from the given balance; the new term starts 2026-03-01. */
const quoteFor = (balance: number, extra: Partial<RenewalQuote> = {}) =>
    vi.fn(async (_id: unknown, params: { years?: number; seats?: number }): Promise<RenewalQuote> => {
        const years = params.years ?? 2;
        const seats = params.seats ?? 8;
        return {
            pool_id: 11,
            manager_name: 'Revendeur Alpha',
            client_name: 'Boulangerie Martin',
            product_name: 'TBox — stockage et partage de fichiers',
            years,
            seats,
            already_renewed: false,
            latest_end_date: '2026-02-28',
            balance,
            cost: years * seats,
            remaining_after: balance - years * seats,
            start_date: '2026-03-01',
            end_date: `${2026 + years}-02-28`,
            ...extra,
        };
    });

const products = { data: [{ id: 1, code: 'TBox', name: 'TBox — stockage et partage de fichiers' }], total: 1 };

const setup = (methods: Record<string, unknown>) => {
    const dataProvider = fakeDataProvider({ getList: vi.fn().mockResolvedValue(products), ...methods });
    renderWithAdmin(
        <RecordContextProvider value={subscription}>
            <RenewButton />
        </RecordContextProvider>,
        { dataProvider },
    );
    return userEvent.setup();
};

const open = async (user: ReturnType<typeof userEvent.setup>) => {
    await user.click(screen.getByRole('button', { name: 'Renouveler' }));
    const dialog = await screen.findByRole('dialog');
    // the inputs appear once the first quote has given the defaults
    await within(dialog).findByLabelText("Nombre d'années");
    return dialog;
};

const fill = async (user: ReturnType<typeof userEvent.setup>, dialog: HTMLElement, years: string, seats: string) => {
    const yearsInput = within(dialog).getByLabelText("Nombre d'années");
    const seatsInput = within(dialog).getByLabelText('Licences utilisateurs');
    await user.clear(yearsInput);
    if (years) await user.type(yearsInput, years);
    await user.clear(seatsInput);
    if (seats) await user.type(seatsInput, seats);
};

const okButton = (dialog: HTMLElement) => within(dialog).getByRole('button', { name: 'OK' });

describe('<RenewDialog>', () => {
    it("opens with the server quote's defaults (latest term) and names product and client", async () => {
        const renewalQuote = quoteFor(50);
        const user = setup({ renewalQuote });
        const dialog = await open(user);
        expect(renewalQuote).toHaveBeenCalledWith(7, {});
        expect(within(dialog).getByLabelText("Nombre d'années")).toHaveValue(2);
        expect(within(dialog).getByLabelText('Licences utilisateurs')).toHaveValue(8);
        await waitFor(() =>
            expect(within(dialog).getByRole('heading')).toHaveTextContent('Renouveler TBox — Boulangerie Martin'),
        );
        expect(within(dialog).getByTestId('renew-balance')).toHaveTextContent('Stock de Revendeur Alpha : 50 licences');
        expect(within(dialog).getByTestId('renew-cost')).toHaveTextContent('Coût : 8 × 2 = 16 licences');
        expect(within(dialog).getByTestId('renew-remaining')).toHaveTextContent('Restantes après renouvellement : 34');
        expect(within(dialog).getByTestId('renew-period')).toHaveTextContent('Nouvelle période : du 01/03/2026 au 28/02/2028');
        expect(within(dialog).queryByTestId('renew-already')).toBeNull();
        expect(okButton(dialog)).toBeEnabled();
    });

    it('shows the quote\'s figures for the typed values once it answers, the local preview meanwhile', async () => {
        // the server's cost differs from seats × years: what it says is shown
        const renewalQuote = quoteFor(50);
        let answer: (value: RenewalQuote) => void = () => {};
        const user = setup({ renewalQuote });
        const dialog = await open(user);
        renewalQuote.mockImplementationOnce(() => new Promise(resolve => (answer = resolve)));
        await fill(user, dialog, '3', '10');
        await waitFor(() => expect(renewalQuote).toHaveBeenLastCalledWith(7, { years: 3, seats: 10 }));
        // while it loads: 50 − 30, computed here, marked busy
        expect(within(dialog).getByTestId('renew-remaining')).toHaveTextContent('20');
        expect(within(dialog).getByTestId('renew-remaining').parentElement).toHaveAttribute('aria-busy', 'true');
        answer({ ...(await quoteFor(50)(7, { years: 3, seats: 10 })), cost: 29, remaining_after: 21, end_date: '2029-02-28' });
        await waitFor(() => expect(within(dialog).getByTestId('renew-remaining')).toHaveTextContent('21'));
        expect(within(dialog).getByTestId('renew-cost')).toHaveTextContent('= 29 licences');
        expect(within(dialog).getByTestId('renew-period')).toHaveTextContent('au 28/02/2029');
        // debounced: nothing asked for the keystrokes in between
        expect(renewalQuote).not.toHaveBeenCalledWith(7, { years: 3, seats: 1 });
    });

    it('warns "Déjà renouvelé jusqu\'au …" and asks for an explicit confirmation before OK', async () => {
        const renew = vi.fn().mockResolvedValue({
            ...subscription, status: 'renewed', remaining_after: 18,
            term: { id: 31, start_date: '2028-03-01', end_date: '2030-02-28', years: 2, seats: 8 },
        });
        const user = setup({
            renewalQuote: quoteFor(50, { already_renewed: true, latest_end_date: '2028-02-29', start_date: '2028-03-01', end_date: '2030-02-28' }),
            renew,
        });
        const dialog = await open(user);
        const warning = await within(dialog).findByTestId('renew-already');
        expect(warning).toHaveTextContent('Déjà renouvelé jusqu’au 29/02/2028');
        expect(okButton(dialog)).toBeDisabled();
        await user.click(within(warning).getByRole('checkbox', { name: 'Je confirme ce nouveau renouvellement' }));
        expect(okButton(dialog)).toBeEnabled();
        await user.click(okButton(dialog));
        await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull());
        expect(renew).toHaveBeenCalledWith(7, { years: 2, seats: 8 }, expect.any(String));
        // the NEW term's end, not the shown one
        expect(await screen.findByText('Abonnement renouvelé jusqu’au 28/02/2030. Licences restantes : 18')).toBeInTheDocument();
    });

    it('disables OK with the reason when the pool would go negative', async () => {
        const user = setup({ renewalQuote: quoteFor(50) });
        const dialog = await open(user);
        await fill(user, dialog, '2', '30');
        await waitFor(() => expect(within(dialog).getByTestId('renew-remaining')).toHaveTextContent('-10'));
        expect(okButton(dialog)).toBeDisabled();
        expect(within(dialog).getByTestId('renew-reason')).toHaveTextContent(
            'Stock insuffisant : il manque 10 licences à Revendeur Alpha',
        );
    });

    it('disables OK with the reason on invalid years or seats', async () => {
        const user = setup({ renewalQuote: quoteFor(50) });
        const dialog = await open(user);
        await fill(user, dialog, '11', '2');
        expect(okButton(dialog)).toBeDisabled();
        expect(within(dialog).getByTestId('renew-reason')).toHaveTextContent('entier entre 1 et 10');
        await fill(user, dialog, '0', '2');
        expect(okButton(dialog)).toBeDisabled();
        await fill(user, dialog, '2', '0');
        expect(okButton(dialog)).toBeDisabled();
        expect(within(dialog).getByTestId('renew-reason')).toHaveTextContent('supérieur ou égal à 1');
        await fill(user, dialog, '2', '3');
        await waitFor(() => expect(okButton(dialog)).toBeEnabled());
    });

    it('says a refusal once, in French, and shows the refreshed pool', async () => {
        let balance = 50;
        const renewalQuote = vi.fn(async (id: unknown, params: { years?: number; seats?: number }) => quoteFor(balance)(id, params));
        const renew = vi.fn(async () => {
            balance = 10; // someone else used the pool meanwhile
            throw new HttpError('Insufficient licenses: 16 needed, 10 remaining in the pool', 409, {
                message: 'Insufficient licenses: 16 needed, 10 remaining in the pool',
                errors: { seats: '16 licenses needed, 10 remaining' },
                code: 'insufficient_licenses',
                details: { needed: 16, balance: 10 },
            });
        });
        const user = setup({ renewalQuote, renew });
        const dialog = await open(user);
        await waitFor(() => expect(okButton(dialog)).toBeEnabled());
        await user.click(okButton(dialog));
        const alert = await within(dialog).findByTestId('renew-error');
        expect(alert).toHaveTextContent('Licences insuffisantes : 16 nécessaires, 10 restantes.');
        expect(dialog).not.toHaveTextContent(/Insufficient|needed|remaining/);
        await waitFor(() => expect(within(dialog).getByTestId('renew-balance')).toHaveTextContent(': 10 licences'));
        // said once: no second warning, no field error
        expect(within(dialog).queryByTestId('renew-reason')).toBeNull();
        expect(within(dialog).getAllByText(/insuffisant/i)).toHaveLength(1);
        expect(okButton(dialog)).toBeDisabled();
    });

    it('says a reused Idempotency-Key (422) in French', async () => {
        const renew = vi.fn().mockRejectedValue(
            new HttpError('This Idempotency-Key was already used with other parameters', 422, {
                message: 'This Idempotency-Key was already used with other parameters',
                code: 'idempotency_key_reused',
            }),
        );
        const user = setup({ renewalQuote: quoteFor(50), renew });
        const dialog = await open(user);
        await waitFor(() => expect(okButton(dialog)).toBeEnabled());
        await user.click(okButton(dialog));
        const alert = await within(dialog).findByTestId('renew-error');
        expect(alert).toHaveTextContent('Cette demande a déjà été envoyée avec d’autres valeurs.');
        expect(alert).not.toHaveTextContent('Idempotency-Key');
    });

    it('a double click renews once; a retry after a network failure reuses the key, a new intent gets a new one', async () => {
        let resolveRenew: (value: unknown) => void = () => {};
        const renew = vi
            .fn()
            .mockRejectedValueOnce(new TypeError('Failed to fetch'))
            .mockImplementation(() => new Promise(resolve => (resolveRenew = resolve)));
        const user = setup({ renewalQuote: quoteFor(50), renew });
        let dialog = await open(user);
        await waitFor(() => expect(okButton(dialog)).toBeEnabled());
        await user.click(okButton(dialog)); // no answer: the network failed
        await within(dialog).findByTestId('renew-error');
        await user.dblClick(okButton(dialog));
        fireEvent.click(okButton(dialog)); // a third, impatient click while the request is pending
        expect(renew).toHaveBeenCalledTimes(2);
        const [[, , firstKey], [id, params, retryKey]] = renew.mock.calls as [number, object, string][];
        expect(firstKey).toMatch(/^[0-9a-f-]{36}$/);
        expect(retryKey).toBe(firstKey); // the same intent: the server applies it once
        expect(id).toBe(7);
        expect(params).toEqual({ years: 2, seats: 8 });
        resolveRenew({
            ...subscription, status: 'renewed', remaining_after: 34,
            term: { id: 30, start_date: '2026-03-01', end_date: '2028-02-29', years: 2, seats: 8 },
        });
        await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull());

        // a new dialog is a new intent
        dialog = await open(user);
        await waitFor(() => expect(okButton(dialog)).toBeEnabled());
        await user.click(okButton(dialog));
        expect(renew).toHaveBeenCalledTimes(3);
        expect(renew.mock.calls[2][2]).not.toBe(firstKey);
    });

    it('sends the Idempotency-Key header on the wire', async () => {
        const { dataProvider } = await import('../../client/src/providers/dataProvider');
        const fetchMock = vi.fn().mockResolvedValue(
            new Response(JSON.stringify({ ...subscription, remaining_after: 1, term: {} }), {
                status: 201,
                headers: { 'Content-Type': 'application/json' },
            }),
        );
        vi.stubGlobal('fetch', fetchMock);
        try {
            await dataProvider.renew(7, { years: 2, seats: 12 }, 'key-123');
        } finally {
            vi.unstubAllGlobals();
        }
        const [url, init] = fetchMock.mock.calls[0] as [string, RequestInit];
        expect(url).toBe('/api/subscriptions/7/renew');
        expect(init.method).toBe('POST');
        expect(new Headers(init.headers).get('Idempotency-Key')).toBe('key-123');
        expect(JSON.parse(String(init.body))).toEqual({ years: 2, seats: 12 });
    });
});

describe('<RenewDialog> and the active users (DESIGN §7)', () => {
    it('shows the floor, blocks below it, and says the server’s below_active_users refusal in French', async () => {
        const renewalQuote = quoteFor(50, { active_users: 10, min_seats: 10 });
        const renew = vi.fn().mockRejectedValue(
            new HttpError('9 seats is below the 10 active users last reported for this subscription', 409, {
                message: '9 seats is below the 10 active users last reported for this subscription',
                code: 'below_active_users',
                details: { active_users: 11, seats: 10 },
            }),
        );
        const user = setup({ renewalQuote, renew });
        const dialog = await open(user);
        // The quote's default (8 seats) is below the 10 active users: said, and OK stays disabled.
        expect(await within(dialog).findByTestId('renew-reason')).toHaveTextContent('Au moins 10 licences : 10 utilisateurs actifs déclarés.');
        expect(okButton(dialog)).toBeDisabled();
        await fill(user, dialog, '1', '10');
        await waitFor(() => expect(within(dialog).getByTestId('renew-floor')).toHaveTextContent('Au moins 10 licences'));
        await waitFor(() => expect(okButton(dialog)).toBeEnabled());
        // Meanwhile the server heard of 11 users: its refusal, in French, with its figure.
        await user.click(okButton(dialog));
        await waitFor(() => expect(renew).toHaveBeenCalledTimes(1));
        await waitFor(() =>
            expect(dialog).toHaveTextContent('Refusé : 11 utilisateurs actifs ont été déclarés pour cet abonnement ; choisissez au moins 11 licences.'),
        );
        expect(dialog).not.toHaveTextContent('active users last reported');
    });
});
