import { describe, expect, it, vi } from 'vitest';
import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { HttpError, RecordContextProvider } from 'react-admin';
import { RenewButton } from '../../client/src/subscriptions/RenewButton';
import type { Subscription } from '../../client/src/providers/dataProvider';
import { fakeDataProvider, renderWithAdmin } from './renderWithAdmin';

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

const quote = (balance: number) => ({
    pool_id: 11,
    manager_name: 'Revendeur Alpha',
    client_name: 'Boulangerie Martin',
    balance,
    cost: 5,
    remaining_after: balance - 5,
    start_date: '2026-03-01',
    end_date: '2027-02-28',
});

const setup = (methods: Record<string, unknown>) => {
    const dataProvider = fakeDataProvider(methods);
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
    // the balance field is filled once the quote has arrived
    await waitFor(() => expect(within(dialog).getByTestId('renew-balance')).not.toHaveValue(''));
    return dialog;
};

const fill = async (user: ReturnType<typeof userEvent.setup>, dialog: HTMLElement, years: string, seats: string) => {
    const yearsInput = within(dialog).getByLabelText("Nombre d'années de renouvellement");
    const seatsInput = within(dialog).getByLabelText('Licences utilisateurs affectées à Boulangerie Martin');
    await user.clear(yearsInput);
    if (years) await user.type(yearsInput, years);
    await user.clear(seatsInput);
    if (seats) await user.type(seatsInput, seats);
};

const okButton = (dialog: HTMLElement) => within(dialog).getByRole('button', { name: 'OK' });

describe('<RenewDialog>', () => {
    it('shows the four fields of DESIGN §5 and computes the remaining balance live', async () => {
        const renewalQuote = vi.fn().mockResolvedValue(quote(50));
        const user = setup({ renewalQuote });
        const dialog = await open(user);
        expect(within(dialog).getByLabelText('Licences restantes à attribuer par Revendeur Alpha')).toHaveValue('50');
        await fill(user, dialog, '2', '12');
        expect(within(dialog).getByLabelText('Licences restantes après réabonnement')).toHaveValue('26');
        expect(okButton(dialog)).toBeEnabled();
        expect(within(dialog).queryByTestId('renew-reason')).toBeNull();
        // one more seat: 50 − 13 × 2 = 24, live
        await fill(user, dialog, '2', '13');
        expect(within(dialog).getByTestId('renew-remaining')).toHaveValue('24');
        expect(renewalQuote).toHaveBeenCalledWith(7, { years: 1, seats: 5 });
    });

    it('disables OK with the reason when the pool would go negative', async () => {
        const user = setup({ renewalQuote: vi.fn().mockResolvedValue(quote(50)) });
        const dialog = await open(user);
        await fill(user, dialog, '2', '30');
        expect(within(dialog).getByTestId('renew-remaining')).toHaveValue('-10');
        expect(okButton(dialog)).toBeDisabled();
        expect(within(dialog).getByTestId('renew-reason')).toHaveTextContent(
            'Stock insuffisant : il manque 10 licences à Revendeur Alpha',
        );
    });

    it('disables OK with the reason on invalid years or seats', async () => {
        const user = setup({ renewalQuote: vi.fn().mockResolvedValue(quote(50)) });
        const dialog = await open(user);
        await fill(user, dialog, '11', '2');
        expect(okButton(dialog)).toBeDisabled();
        expect(within(dialog).getByTestId('renew-reason')).toHaveTextContent('entier entre 1 et 10');
        await fill(user, dialog, '0', '2');
        expect(okButton(dialog)).toBeDisabled();
        await fill(user, dialog, '2', '0');
        expect(okButton(dialog)).toBeDisabled();
        expect(within(dialog).getByTestId('renew-reason')).toHaveTextContent('supérieur ou égal à 1');
        await fill(user, dialog, '2', '');
        expect(okButton(dialog)).toBeDisabled();
        expect(within(dialog).getByTestId('renew-remaining')).toHaveValue('');
        await fill(user, dialog, '2', '3');
        expect(okButton(dialog)).toBeEnabled();
    });

    it('on 409 says the refusal in French and re-fetches the pool balance', async () => {
        let balance = 50;
        const renewalQuote = vi.fn(async () => quote(balance));
        const renew = vi.fn(async () => {
            balance = 20; // someone else used the pool meanwhile
            throw new HttpError('Insufficient licenses: 24 needed, 20 remaining in the pool', 409, {
                message: 'Insufficient licenses: 24 needed, 20 remaining in the pool',
                errors: { seats: '24 licenses needed, 20 remaining' },
                code: 'insufficient_licenses',
                details: { needed: 24, balance: 20 },
            });
        });
        const user = setup({ renewalQuote, renew });
        const dialog = await open(user);
        await fill(user, dialog, '2', '12');
        await user.click(okButton(dialog));
        const alert = await within(dialog).findByTestId('renew-error');
        expect(alert).toHaveTextContent('Licences insuffisantes : 24 nécessaires, 20 restantes.');
        expect(alert).toHaveTextContent('Le stock de licences a été actualisé.');
        expect(dialog).not.toHaveTextContent(/Insufficient|needed|remaining/);
        // the new balance (20) drives the preview: 20 − 24 < 0, OK disabled
        await waitFor(() => expect(within(dialog).getByTestId('renew-balance')).toHaveValue('20'));
        expect(within(dialog).getByTestId('renew-remaining')).toHaveValue('-4');
        expect(okButton(dialog)).toBeDisabled();
        expect(screen.getByRole('dialog')).toBeInTheDocument();
    });

    it("shows a refusal without a known code as the server's message", async () => {
        const renew = vi.fn().mockRejectedValue(
            new HttpError('Licences insuffisantes chez Revendeur Alpha', 409, {
                message: 'Licences insuffisantes chez Revendeur Alpha',
                code: 'some_future_code',
                details: { needed: 1 },
            }),
        );
        const user = setup({ renewalQuote: vi.fn().mockResolvedValue(quote(50)), renew });
        const dialog = await open(user);
        await user.click(okButton(dialog));
        expect(await within(dialog).findByTestId('renew-error')).toHaveTextContent(
            'Licences insuffisantes chez Revendeur Alpha',
        );
    });

    it('says a reused Idempotency-Key (422) in French', async () => {
        const renew = vi.fn().mockRejectedValue(
            new HttpError('This Idempotency-Key was already used with other parameters', 422, {
                message: 'This Idempotency-Key was already used with other parameters',
                code: 'idempotency_key_reused',
            }),
        );
        const user = setup({ renewalQuote: vi.fn().mockResolvedValue(quote(50)), renew });
        const dialog = await open(user);
        await user.click(okButton(dialog));
        const alert = await within(dialog).findByTestId('renew-error');
        expect(alert).toHaveTextContent('Cette demande a déjà été envoyée avec d’autres valeurs.');
        expect(alert).not.toHaveTextContent('Idempotency-Key');
    });

    it("shows the new term's period and asks the quote again once the years settle", async () => {
        // The server's term: starts 2026-03-01, ends Y years later minus one day.
        const renewalQuote = vi.fn(async (_id: unknown, { years, seats }: { years: number; seats: number }) => ({
            ...quote(50),
            cost: years * seats,
            remaining_after: 50 - years * seats,
            end_date: `${2026 + years}-02-28`,
        }));
        const user = setup({ renewalQuote });
        const dialog = await open(user);
        expect(within(dialog).getByTestId('renew-period')).toHaveTextContent(
            'Nouvelle période : du 01/03/2026 au 28/02/2027',
        );
        await fill(user, dialog, '3', '12');
        await waitFor(() =>
            expect(within(dialog).getByTestId('renew-period')).toHaveTextContent(
                'Nouvelle période : du 01/03/2026 au 28/02/2029',
            ),
        );
        expect(renewalQuote).toHaveBeenLastCalledWith(7, { years: 3, seats: 12 });
        // debounced: nothing asked for the keystrokes in between (seats 1, years '')
        expect(renewalQuote).not.toHaveBeenCalledWith(7, { years: 3, seats: 1 });
        expect(renewalQuote).toHaveBeenCalledTimes(2);
    });

    it('keeps the fields and OK usable while a newer quote loads', async () => {
        const renewalQuote = vi
            .fn()
            .mockResolvedValueOnce(quote(50))
            .mockImplementation(() => new Promise(() => {})); // the next quotes never answer
        const renew = vi.fn(() => new Promise(() => {}));
        const user = setup({ renewalQuote, renew });
        const dialog = await open(user);
        await fill(user, dialog, '2', '12');
        await waitFor(() => expect(renewalQuote).toHaveBeenCalledTimes(2));
        // the previous quote stays (no flicker), the preview stays local
        expect(within(dialog).getByTestId('renew-balance')).toHaveValue('50');
        expect(within(dialog).getByTestId('renew-remaining')).toHaveValue('26');
        // its period is for 1 year: dimmed and marked busy until the quote for 2 years arrives
        expect(within(dialog).getByTestId('renew-period')).toHaveAttribute('aria-busy', 'true');
        expect(okButton(dialog)).toBeEnabled();
        await user.click(okButton(dialog));
        expect(renew).toHaveBeenCalledWith(7, { years: 2, seats: 12 }, expect.any(String));
        expect(okButton(dialog)).toBeDisabled(); // while the renewal runs
    });

    it('sends one Idempotency-Key per opened dialog, and a double click renews once', async () => {
        let resolveRenew: (value: unknown) => void = () => {};
        const renew = vi.fn(
            () =>
                new Promise(resolve => {
                    resolveRenew = resolve;
                }),
        );
        const user = setup({ renewalQuote: vi.fn().mockResolvedValue(quote(50)), renew });
        let dialog = await open(user);
        await fill(user, dialog, '2', '12');
        await user.dblClick(okButton(dialog));
        fireEvent.click(okButton(dialog)); // a third, impatient click while the request is pending
        expect(renew).toHaveBeenCalledTimes(1);
        const [id, params, firstKey] = renew.mock.calls[0] as unknown as [number, object, string];
        expect(id).toBe(7);
        expect(params).toEqual({ years: 2, seats: 12 });
        expect(firstKey).toMatch(/^[0-9a-f-]{36}$/);
        resolveRenew({ ...subscription, status: 'renewed', end_date: '2028-02-29', remaining_after: 26 });
        await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull());
        expect(await screen.findByText(/Abonnement renouvelé jusqu’au 29\/02\/2028/)).toBeInTheDocument();

        // a new dialog gets a new key
        dialog = await open(user);
        await user.click(okButton(dialog));
        expect(renew).toHaveBeenCalledTimes(2);
        const secondKey = (renew.mock.calls[1] as unknown as [number, object, string])[2];
        expect(secondKey).toMatch(/^[0-9a-f-]{36}$/);
        expect(secondKey).not.toBe(firstKey);
    });

    it('sends the Idempotency-Key header on the wire', async () => {
        const { dataProvider } = await import('../../client/src/providers/dataProvider');
        const fetchMock = vi.fn().mockResolvedValue(
            new Response(JSON.stringify({ ...subscription, remaining_after: 1 }), {
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
