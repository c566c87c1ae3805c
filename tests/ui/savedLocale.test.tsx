import { afterEach, describe, expect, it, vi } from 'vitest';
import { screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { useLocaleState, useTranslate } from 'react-admin';
import { useSavedLocale } from '../../client/src/layout/useSavedLocale';
import { fakeAuthProvider, fakeDataProvider, renderWithAdmin } from './renderWithAdmin';

const Console = () => {
    useSavedLocale();
    const translate = useTranslate();
    const [, setLocale] = useLocaleState();
    return (
        <>
            <p>{translate('cascade.dashboard.clients_to_renew')}</p>
            <button onClick={() => setLocale('fr')}>fr</button>
        </>
    );
};

describe("the console's language is the login's", () => {
    afterEach(() => vi.unstubAllGlobals());

    it('opens in the language saved with the login, and saves the one the user switches to', async () => {
        const fetch = vi.fn().mockResolvedValue(new Response(JSON.stringify({ locale: 'fr' }), { status: 200 }));
        vi.stubGlobal('fetch', fetch);
        renderWithAdmin(<Console />, {
            dataProvider: fakeDataProvider({}),
            authProvider: fakeAuthProvider('reseller', {
                getIdentity: () => Promise.resolve({ id: 42, fullName: 'Un revendeur', role: 'reseller', locale: 'en' }),
            }),
        });
        expect(await screen.findByText('Companies to renew')).toBeInTheDocument();
        // Restoring the saved language saves nothing.
        expect(fetch).not.toHaveBeenCalled();

        await userEvent.setup().click(screen.getByRole('button', { name: 'fr' }));
        expect(await screen.findByText('Nombre de sociétés à renouveler')).toBeInTheDocument();
        await waitFor(() => expect(fetch).toHaveBeenCalledTimes(1));
        const [url, init] = fetch.mock.calls[0];
        expect(url).toBe('/api/auth/locale');
        expect(init.method).toBe('PUT');
        expect(JSON.parse(init.body)).toEqual({ locale: 'fr' });
    });
});
