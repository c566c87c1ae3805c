import { describe, expect, it, vi } from 'vitest';
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { Route, Routes } from 'react-router';
import { NotificationBell } from '../../client/src/layout/NotificationBell';
import { fakeDataProvider, renderWithAdmin } from './renderWithAdmin';

const notification = (id: number, read: boolean, message: string) => ({
    id, kind: 'reminder', subscription_id: 10 + id, client_id: 100 + id, days_before: 30, end_date: '2026-12-31',
    message, created_at: '2026-11-26T08:00:00.000Z', read, emailed: true,
});

/** A server of notifications: read=false gives the unread count in `total`; marking changes it. */
const serverWith = (rows: ReturnType<typeof notification>[]) => {
    const getList = vi.fn(async (_resource: string, params: { filter: { read?: boolean } }) => {
        const matching = params.filter.read === false ? rows.filter(n => !n.read) : rows;
        return { data: matching.slice(0, 20).map(n => ({ ...n })), total: matching.length };
    });
    const markNotificationRead = vi.fn(async (id: number) => {
        const row = rows.find(n => n.id === id)!;
        row.read = true;
        return row;
    });
    const markAllNotificationsRead = vi.fn(async () => {
        const count = rows.filter(n => !n.read).length;
        for (const row of rows) row.read = true;
        return { read: count };
    });
    return { getList, markNotificationRead, markAllNotificationsRead };
};

const render = (methods: ReturnType<typeof serverWith>) =>
    renderWithAdmin(
        <Routes>
            <Route path="/" element={<NotificationBell />} />
            <Route
                path="/clients/:id/show"
                element={
                    <>
                        <NotificationBell />
                        <p>page du client</p>
                    </>
                }
            />
        </Routes>,
        { dataProvider: fakeDataProvider(methods) },
    );

// hidden: the open popover hides the rest of the page from assistive technology
const bell = () => screen.getByRole('button', { name: /^Rappels/, hidden: true });

describe('<NotificationBell>', () => {
    it('shows the unread count; a click on a reminder marks it read, opens its client and lowers the count', async () => {
        const server = serverWith([
            notification(3, false, 'Boulangerie Martin : TBox expire dans 30 jours'),
            notification(2, false, 'Garage Durand : TSend expire dans 7 jours'),
            notification(1, true, 'Ancien rappel'),
        ]);
        render(server);
        await waitFor(() => expect(bell()).toHaveAccessibleName('Rappels : 2 rappels non lus'));
        expect(screen.getByTestId('unread-count')).toHaveTextContent('2');
        // the count asks for unread ones only
        expect(server.getList).toHaveBeenCalledWith('notifications', expect.objectContaining({ filter: { read: false } }));

        const user = userEvent.setup();
        await user.click(bell());
        const item = await screen.findByText('Garage Durand : TSend expire dans 7 jours');
        expect(screen.getAllByTestId('notification')).toHaveLength(3);
        await user.click(item);
        expect(server.markNotificationRead).toHaveBeenCalledWith(2);
        await screen.findByText('page du client');
        await waitFor(() => expect(bell()).toHaveAccessibleName('Rappels : 1 rappel non lu'));
    });

    it('"Tout marquer comme lu" marks every reminder read and the count drops to zero', async () => {
        const server = serverWith([notification(3, false, 'Rappel A'), notification(2, false, 'Rappel B')]);
        render(server);
        await waitFor(() => expect(screen.getByTestId('unread-count')).toHaveTextContent('2'));
        const user = userEvent.setup();
        await user.click(bell());
        await screen.findByText('Rappel A');
        await user.click(screen.getByRole('button', { name: 'Tout marquer comme lu' }));
        expect(server.markAllNotificationsRead).toHaveBeenCalledTimes(1);
        await waitFor(() => expect(bell()).toHaveAccessibleName('Rappels : 0 rappel non lu'));
        await waitFor(() =>
            expect(within(screen.getByRole('dialog', { name: 'Rappels' })).getAllByTestId('notification').every(
                row => row.getAttribute('data-read') === 'true',
            )).toBe(true),
        );
    });
});
