import { describe, expect, it } from 'vitest';
import { screen } from '@testing-library/react';
import { ListContextProvider, type ListControllerResult } from 'react-admin';
import { ServerExportButton } from '../../client/src/misc/ServerExportButton';
import { fakeDataProvider, renderWithAdmin } from './renderWithAdmin';

const queryOf = (link: HTMLElement) => new URL(link.getAttribute('href')!, 'http://console.test');

describe('server export button', () => {
    it("downloads the list's current filters from the server, in the console's language", async () => {
        renderWithAdmin(
            <ListContextProvider value={{ filterValues: { status: ['expired'], q: 'boul' } } as unknown as ListControllerResult}>
                <ServerExportButton resource="clients" />
            </ListContextProvider>,
            { dataProvider: fakeDataProvider({}) },
        );
        const link = await screen.findByRole('link', { name: 'Exporter' });
        expect(link).toHaveAttribute('download');
        const url = queryOf(link);
        expect(url.pathname).toBe('/api/exports/clients');
        expect(JSON.parse(url.searchParams.get('filter')!)).toEqual({ status: ['expired'], q: 'boul' });
        expect(url.searchParams.get('locale')).toBe('fr');
    });

    it("adds the view's fixed filter (the to-renew tab's) to the user's filters", async () => {
        renderWithAdmin(
            <ListContextProvider value={{ filterValues: { status: 'expired', product_id: 2 } } as unknown as ListControllerResult}>
                <ServerExportButton resource="subscriptions" filter={{ to_renew: true }} />
            </ListContextProvider>,
            { dataProvider: fakeDataProvider({}) },
        );
        const url = queryOf(await screen.findByRole('link', { name: 'Exporter' }));
        expect(url.pathname).toBe('/api/exports/subscriptions');
        expect(JSON.parse(url.searchParams.get('filter')!)).toEqual({ status: 'expired', product_id: 2, to_renew: true });
    });
});
