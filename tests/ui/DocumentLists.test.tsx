import { describe, expect, it } from 'vitest';
import { screen, within } from '@testing-library/react';
import { ResourceContextProvider } from 'react-admin';
import { InvoiceList } from '../../client/src/invoices/InvoiceList';
import { OrderList } from '../../client/src/orders/OrderList';
import { fakeAuthProvider, fakeDataProvider, renderWithAdmin } from './renderWithAdmin';

const amounts = { vat_rate_percent: 20, total_excl_vat_cents: 200_250, vat_cents: 40_050, total_incl_vat_cents: 240_300, lines: [] };
const records = {
    orders: [{ id: 7, buyer_type: 'reseller', buyer_id: 5, buyer_name: 'Bureautique Lyon', supplier_type: 'partner', supplier_id: 1, status: 'fulfilled', created_at: '2026-06-01T10:00:00.000Z', invoice_id: 3, reason: null, ...amounts }],
    invoices: [{ id: 3, number: '2026-000042', kind: 'invoice', issuer_type: 'partner', issuer_id: 1, buyer_type: 'reseller', buyer_id: 5, buyer_name: 'Bureautique Lyon', issued_on: '2026-06-01', due_on: '2026-07-01', credit_note_id: null, order_id: 7, ...amounts }],
};

const renderList = (resource: 'orders' | 'invoices') =>
    renderWithAdmin(<ResourceContextProvider value={resource}>{resource === 'orders' ? <OrderList /> : <InvoiceList />}</ResourceContextProvider>, {
        dataProvider: fakeDataProvider({
            getList: (name: string) => Promise.resolve(name in records ? { data: records[name as keyof typeof records], total: 1 } : { data: [], total: 0 }),
            getMany: () => Promise.resolve({ data: [{ id: 1, name: 'Alliance Informatique' }] }),
        }),
        authProvider: fakeAuthProvider('partner'),
    });

describe('Commandes and Factures', () => {
    it.each(['orders', 'invoices'] as const)('%s: totals excluding and including VAT, in euros', async resource => {
        renderList(resource);
        const headers = (await screen.findAllByRole('columnheader')).map(h => h.textContent);
        expect(headers).toEqual(expect.arrayContaining(['Total HT', 'Total TTC']));
        const [, row] = await screen.findAllByRole('row');
        expect(within(row).getByText('2 002,50 €')).toBeInTheDocument();
        expect(within(row).getByText('2 403,00 €')).toBeInTheDocument();
    });

    it.each(['orders', 'invoices'] as const)('%s: Exporter downloads the server’s CSV, not one made in the browser', async resource => {
        renderList(resource);
        const link = await screen.findByRole('link', { name: 'Exporter' });
        expect(link.getAttribute('href')).toMatch(new RegExp(`/api/exports/${resource}\\?`));
        expect(screen.queryByRole('button', { name: 'Exporter' })).toBeNull();
    });
});
