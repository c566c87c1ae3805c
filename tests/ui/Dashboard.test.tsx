import { describe, expect, it, vi } from 'vitest';
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { Route, Routes } from 'react-router';
import { Dashboard } from '../../client/src/dashboard/Dashboard';
import type { DashboardData } from '../../client/src/providers/dataProvider';
import { fakeDataProvider, renderWithAdmin } from './renderWithAdmin';

const figures: DashboardData = {
    clients_to_renew: 17,
    expiring: 12,
    expired: 9,
    renewed: 4,
    not_started: 2,
    active: 40,
    cancelled: 3,
    pools: [
        { id: 1, holder_type: 'partner', holder_id: 1, holder_name: 'Distrib Ouest', product_id: 1, product_code: 'TBox', balance: 120 },
        { id: 2, holder_type: 'reseller', holder_id: 5, holder_name: 'Revendeur Alpha', product_id: 2, product_code: 'TSend', balance: 8 },
    ],
    due_by_month: Array.from({ length: 12 }, (_, index) => ({
        month: `2026-${String(index + 1).padStart(2, '0')}`,
        subscriptions: index,
        seats: index * 3,
    })),
};

const renderDashboard = (dashboard = vi.fn().mockResolvedValue(figures)) => {
    renderWithAdmin(
        <Routes>
            <Route path="/" element={<Dashboard />} />
            <Route path="/to-renew" element={<p>page des clients à renouveler</p>} />
        </Routes>,
        { dataProvider: fakeDataProvider({ dashboard }) },
    );
    return dashboard;
};

describe('<Dashboard>', () => {
    it('shows the number of companies to renew and a Voir link to the to-renew list', async () => {
        const dashboard = renderDashboard();
        await waitFor(() => expect(screen.getByTestId('clients-to-renew')).toHaveTextContent('17'));
        expect(screen.getByText('Nombre de sociétés à renouveler')).toBeInTheDocument();
        const voir = screen.getByRole('link', { name: 'Voir' });
        expect(voir).toHaveAttribute('href', '/to-renew');
        await userEvent.setup().click(voir);
        expect(await screen.findByText('page des clients à renouveler')).toBeInTheDocument();
        expect(dashboard).toHaveBeenCalledTimes(1);
    });

    it('shows the status counts and the pools from GET /api/dashboard only', async () => {
        renderDashboard();
        await waitFor(() => expect(screen.getByText('Expire bientôt').closest('li')).toHaveTextContent('12'));
        expect(screen.getByText('Expiré').closest('li')).toHaveTextContent('9');
        expect(screen.getByText('Actif').closest('li')).toHaveTextContent('40');
        const pools = screen.getByText('Licences restantes par produit').closest('.MuiCard-root') as HTMLElement;
        const headers = within(pools).getAllByRole('columnheader').map(cell => cell.textContent);
        expect(headers).toEqual(['Détenteur', 'TBox', 'TSend']);
        const cells = (name: string) =>
            within(within(pools).getByText(name).closest('tr') as HTMLElement)
                .getAllByRole('cell')
                .slice(1)
                .map(cell => cell.textContent);
        expect(cells('Distrib Ouest')).toEqual(['120', '—']);
        expect(cells('Revendeur Alpha')).toEqual(['—', '8']);
        expect(screen.getByText('Échéances des 12 prochains mois')).toBeInTheDocument();
    });
});
