import { describe, expect, it, vi } from 'vitest';
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { SeatChangeDialog } from '../../client/src/subscriptions/SeatChangeDialog';
import type { Subscription } from '../../client/src/providers/dataProvider';
import { fakeDataProvider, renderWithAdmin } from './renderWithAdmin';

const subscription: Subscription = {
    id: 7, client_id: 3, client_name: 'Boulangerie Martin', product_id: 1, status: 'active',
    start_date: '2026-01-01', end_date: '2026-12-31', years: 1, seats: 5,
    auto_renew: false, cancelled: false, renewed: false,
};

/** The server's prorata: each added seat costs 2 licenses for the rest of the term; 10 in the pool. */
const seatsQuote = vi.fn(async (_id: unknown, seats: number) => {
    const cost = Math.max(0, seats - 5) * 2;
    return { seats, current_seats: 5, cost, balance: 10, remaining_after: 10 - cost, refund: 0, manager_name: 'Revendeur Alpha' };
});

const setup = (methods: Record<string, unknown> = {}) => {
    const onClose = vi.fn();
    renderWithAdmin(<SeatChangeDialog subscription={subscription} clientName="Boulangerie Martin" onClose={onClose} />, {
        dataProvider: fakeDataProvider({ seatsQuote, ...methods }),
    });
    return { user: userEvent.setup(), dialog: screen.getByRole('dialog'), onClose };
};

const type = async (user: ReturnType<typeof userEvent.setup>, dialog: HTMLElement, seats: string) => {
    const input = within(dialog).getByLabelText('Nouveau nombre de licences utilisateurs');
    await user.clear(input);
    await user.type(input, seats);
};
const ok = (dialog: HTMLElement) => within(dialog).getByRole('button', { name: 'OK' });

describe('<SeatChangeDialog>', () => {
    it('shows the prorata cost from the quote for the typed seats, then changes them', async () => {
        const changeSeats = vi.fn().mockResolvedValue({ ...subscription, seats: 8, cost: 6, remaining_after: 4 });
        const { user, dialog, onClose } = setup({ changeSeats });
        expect(ok(dialog)).toBeDisabled(); // same number as now
        await type(user, dialog, '8');
        await waitFor(() => expect(within(dialog).getByTestId('seats-cost')).toHaveValue('6'));
        expect(seatsQuote).toHaveBeenLastCalledWith(7, 8);
        expect(within(dialog).getByLabelText('Licences restantes à attribuer par Revendeur Alpha')).toHaveValue('10');
        expect(within(dialog).getByTestId('seats-remaining')).toHaveValue('4');
        expect(within(dialog).queryByTestId('seats-no-refund')).toBeNull();
        expect(ok(dialog)).toBeEnabled();
        await user.click(ok(dialog));
        await waitFor(() => expect(onClose).toHaveBeenCalled());
        expect(changeSeats).toHaveBeenCalledWith(7, { seats: 8 }, expect.any(String));
        await screen.findByText('Licences modifiées : 8. Coût : 6. Licences restantes : 4');
    });

    it('disables OK with the reason when the pool would go negative', async () => {
        const changeSeats = vi.fn();
        const { user, dialog } = setup({ changeSeats });
        await type(user, dialog, '12');
        await waitFor(() => expect(within(dialog).getByTestId('seats-remaining')).toHaveValue('-4'));
        expect(ok(dialog)).toBeDisabled();
        expect(within(dialog).getByTestId('seats-reason')).toHaveTextContent('Stock insuffisant : il manque 4 licences à Revendeur Alpha');
        // Enter in the field submits the form: still nothing is sent
        await user.type(within(dialog).getByLabelText('Nouveau nombre de licences utilisateurs'), '{Enter}');
        expect(changeSeats).not.toHaveBeenCalled();
    });

    it('warns that a reduction refunds nothing', async () => {
        const { user, dialog } = setup();
        await type(user, dialog, '3');
        expect(within(dialog).getByTestId('seats-no-refund')).toHaveTextContent('Aucun remboursement');
        await waitFor(() => expect(within(dialog).getByTestId('seats-cost')).toHaveValue('0'));
        expect(ok(dialog)).toBeEnabled();
        await type(user, dialog, '0');
        expect(ok(dialog)).toBeDisabled();
    });
});
