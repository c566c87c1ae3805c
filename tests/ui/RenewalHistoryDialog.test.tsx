import { describe, expect, it, vi } from 'vitest';
import { screen, within } from '@testing-library/react';
import { RenewalHistoryDialog } from '../../client/src/subscriptions/RenewalHistoryDialog';
import type { HistoryEntry } from '../../client/src/providers/dataProvider';
import { fakeDataProvider, renderWithAdmin } from './renderWithAdmin';

// newest first, as GET /subscriptions/:id/history answers
const history: HistoryEntry[] = [
    { id: 'u1', kind: 'undo', at: '2026-11-20T10:00:00.000Z', actor: 'Camille Admin', start_date: '2027-03-01', end_date: '2028-02-29', years: 1, seats: 18, cost: -18 },
    { id: 's1', kind: 'seat_change', at: '2026-06-01T09:30:00.000Z', actor: 'Camille Admin', start_date: null, end_date: null, years: null, seats: 18, seats_from: 13, seats_to: 18, cost: 4 },
    { id: 'r1', kind: 'auto_renewal', at: '2026-02-28T23:00:00.000Z', actor: 'Renouvellement automatique', start_date: '2026-03-01', end_date: '2027-02-28', years: 1, seats: 13, cost: 13 },
    { id: 'c1', kind: 'creation', at: '2025-03-01T08:00:00.000Z', actor: 'Données de démonstration', start_date: '2025-03-01', end_date: '2026-02-28', years: 1, seats: 13, cost: 13 },
];

describe('<RenewalHistoryDialog>', () => {
    it('shows a seat change as its own entry, in French, beside the terms it did not rewrite', async () => {
        const renewalHistory = vi.fn().mockResolvedValue(history);
        renderWithAdmin(<RenewalHistoryDialog subscriptionId={7} onClose={() => {}} />, {
            dataProvider: fakeDataProvider({
                renewalHistory,
                getList: vi.fn().mockResolvedValue({ data: [], total: 0 }),
            }),
        });
        const table = await screen.findByTestId('renewal-history');
        expect(renewalHistory).toHaveBeenCalledWith(7);
        await within(table).findByText('Création');
        const rows = within(table).getAllByRole('row').slice(1);
        expect(rows.map(row => row.getAttribute('data-kind'))).toEqual(['undo', 'seat_change', 'auto_renewal', 'creation']);
        expect(rows[1]).toHaveTextContent('Changement de licences');
        expect(rows[1]).toHaveTextContent('13 → 18');
        // the creation keeps its own seats: the change did not rewrite it
        expect(rows[3]).toHaveTextContent('Création');
        expect(rows[3]).toHaveTextContent('du 01/03/2025 au 28/02/2026 (1 an)');
        expect(rows[3]).toHaveTextContent('Données de démonstration');
        expect(rows[2]).toHaveTextContent('Renouvellement automatique');
        expect(rows[0]).toHaveTextContent('Annulation du renouvellement');
        expect(rows[0]).toHaveTextContent('-18');
        expect(table).not.toHaveTextContent(/seat_change|auto_renewal|seats/);
    });
});
