import { afterEach, describe, expect, it, vi } from 'vitest';
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { Route, Routes } from 'react-router';
import { Dashboard } from '../../client/src/dashboard/Dashboard';
import type { DashboardData } from '../../client/src/providers/dataProvider';
import { fakeAuthProvider, fakeDataProvider, renderWithAdmin } from './renderWithAdmin';

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

const renderDashboard = (dashboard = vi.fn().mockResolvedValue(figures), forecast = vi.fn().mockResolvedValue([])) => {
    renderWithAdmin(
        <Routes>
            <Route path="/" element={<Dashboard />} />
            <Route path="/to-renew" element={<p>page des clients à renouveler</p>} />
        </Routes>,
        { dataProvider: fakeDataProvider({ dashboard, forecast }) },
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
        expect(getComputedStyle(screen.getByTestId('to-renew-card')).borderTop).toBe('4px solid rgb(239, 108, 0)');
        await userEvent.setup().click(voir);
        expect(await screen.findByText('page des clients à renouveler')).toBeInTheDocument();
        expect(dashboard).toHaveBeenCalledTimes(1);
    });

    it('says nothing is left to renew, without orange and without a Voir button, when the count is 0', async () => {
        renderDashboard(vi.fn().mockResolvedValue({ ...figures, clients_to_renew: 0, expiring: 0, expired: 0 }));
        await waitFor(() => expect(screen.getByTestId('clients-to-renew')).toHaveTextContent('0'));
        expect(screen.getByText('Aucun client à renouveler')).toBeInTheDocument();
        expect(screen.queryByRole('link', { name: 'Voir' })).toBeNull();
        expect(getComputedStyle(screen.getByTestId('to-renew-card')).borderTop).toBe('4px solid rgb(46, 125, 50)');
    });

    it('counts the over-used subscriptions (DESIGN §7)', async () => {
        renderDashboard(vi.fn().mockResolvedValue({ ...figures, over_used: 3 }));
        await waitFor(() => expect(screen.getByTestId('over-used-count')).toHaveTextContent('Abonnements sur-utilisés3'));
    });

    it('shows no over-used line at 0', async () => {
        renderDashboard(vi.fn().mockResolvedValue({ ...figures, over_used: 0 }));
        await waitFor(() => expect(screen.getByTestId('clients-to-renew')).toHaveTextContent('17'));
        expect(screen.queryByTestId('over-used-count')).toBeNull();
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

    it('draws subscriptions and seats on their own labelled axes (left, right), lazily', async () => {
        // jsdom lays nothing out: give recharts' ResponsiveContainer a size
        const measure = HTMLElement.prototype.getBoundingClientRect;
        vi.spyOn(HTMLElement.prototype, 'getBoundingClientRect').mockImplementation(function (this: HTMLElement) {
            return this.classList.contains('recharts-responsive-container')
                ? ({ width: 800, height: 300, top: 0, left: 0, right: 800, bottom: 300, x: 0, y: 0, toJSON: () => ({}) } as DOMRect)
                : measure.call(this);
        });
        const seatsHeavy = {
            ...figures,
            due_by_month: figures.due_by_month.map((row, index) => ({ ...row, subscriptions: index % 4, seats: 100 + index * 40 })),
        };
        renderDashboard(vi.fn().mockResolvedValue(seatsHeavy));
        expect(screen.getByTestId('chart-skeleton')).toBeInTheDocument(); // the chart comes later, in its own chunk
        await waitFor(() => expect(document.querySelectorAll('.recharts-yAxis')).toHaveLength(2), { timeout: 3000 });
        const ticks = (orientation: string) =>
            [...document.querySelectorAll(`.recharts-yAxis-tick-labels text[orientation="${orientation}"]`)].map(tick =>
                Number(tick.textContent),
            );
        // each on its own scale: left 0..3 subscriptions, right 100..540 seats
        expect(ticks('left').length).toBeGreaterThan(1);
        expect(Math.max(...ticks('left'))).toBeLessThan(10);
        expect(ticks('right').length).toBeGreaterThan(1);
        expect(Math.max(...ticks('right'))).toBeGreaterThanOrEqual(540);
        // and labelled: subscriptions by the left edge, seats by the right one
        const labelX = (text: string) =>
            Number([...document.querySelectorAll('.recharts-label')].find(label => label.textContent === text)?.getAttribute('x'));
        expect(labelX('Abonnements')).toBeLessThan(100);
        expect(labelX('Licences utilisateurs')).toBeGreaterThan(700);
        // the legend under the chart names both series in their colours
        const legend = [...screen.getByTestId('chart-legend').querySelectorAll('li')].map(item => item.textContent);
        expect(legend).toEqual(['Abonnements', 'Licences utilisateurs']);
    });

    it('forecasts a shortfall in red with Commander, pre-filled, for the pool of the login', async () => {
        const forecast = [
            { pool_id: 2, holder_type: 'reseller', holder_id: 5, product_id: 2, balance: 8, due_30: 10, due_90: 23, auto_due_14: 0, shortfall_30: 2, shortfall_90: 15 },
            { pool_id: 1, holder_type: 'partner', holder_id: 1, product_id: 1, balance: 120, due_30: 0, due_90: 30, auto_due_14: 0, shortfall_30: 0, shortfall_90: 0 },
        ];
        renderWithAdmin(<Dashboard />, {
            dataProvider: fakeDataProvider({
                dashboard: vi.fn().mockResolvedValue(figures),
                forecast: vi.fn().mockResolvedValue(forecast),
                getList: (resource: string) =>
                    Promise.resolve(
                        resource === 'products'
                            ? { data: [{ id: 1, code: 'TBox' }, { id: 2, code: 'TSend' }], total: 2 }
                            : { data: [{ id: 1, product_id: 2, unit_price_cents: 1000, valid_from: '2026-01-01' }], total: 1 },
                    ),
                getOne: () => Promise.resolve({ data: { id: 5, discount_percent: 0 } }),
                serverToday: () => Promise.resolve('2026-06-01'),
                publisher: () => Promise.resolve({ legal_name: null, address: null, siren: null, vat_number: null, vat_rate_percent: 20 }),
            }),
            authProvider: fakeAuthProvider('reseller'),
        });
        const short = await screen.findByTestId('forecast-2', {}, { timeout: 5000 });
        expect(short).toHaveTextContent('TSendRevendeur Alpha81023Manque 15 licences');
        const warning = within(short).getByText('Manque 15 licences');
        expect(getComputedStyle(warning).color).toBe('rgb(211, 47, 47)');
        expect(screen.getByTestId('forecast-1')).toHaveTextContent('Suffisant');
        await userEvent.setup().click(within(short).getByRole('button', { name: 'Commander' }));
        const dialog = await screen.findByRole('dialog', { name: 'Nouvelle commande' });
        expect(within(dialog).getByLabelText(/Quantité/)).toHaveValue(15);
        await waitFor(() => expect(within(dialog).getByTestId('order-totals')).toHaveTextContent('Total HT150,00 €'));
    });
});

afterEach(() => vi.restoreAllMocks());
