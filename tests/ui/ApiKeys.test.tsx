import { describe, expect, it, vi } from 'vitest';
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { RecordContextProvider, ResourceContextProvider } from 'react-admin';
import { ApiKeyList } from '../../client/src/apiKeys/ApiKeyList';
import { apiKeyStatus, expiryInstant } from '../../client/src/apiKeys/apiKeyModel';
import { OverUsedBadge } from '../../client/src/subscriptions/OverUsedBadge';
import { fakeAuthProvider, fakeDataProvider, renderWithAdmin } from './renderWithAdmin';

const SECRET = 'csk_Zq3vYw8h2kLmN5pQrStUvWxYz0123456789abcdEFG';

const keys = [
    { id: 2, name: 'Facturation', prefix: 'csk_AbCdEfGh', scope: 'read', expires_at: null, last_used_at: null, revoked_at: '2026-11-20T10:00:00.000Z' },
    { id: 1, name: 'CRM', prefix: 'csk_12345678', scope: 'write', expires_at: null, last_used_at: '2026-11-25T08:00:00.000Z', revoked_at: null },
];

const renderList = (methods: Record<string, unknown>, role: 'admin' | 'reseller' = 'reseller') =>
    renderWithAdmin(
        <ResourceContextProvider value="api_keys">
            <ApiKeyList />
        </ResourceContextProvider>,
        {
            dataProvider: fakeDataProvider({ getList: () => Promise.resolve({ data: keys, total: keys.length }), ...methods }),
            authProvider: fakeAuthProvider(role),
            initialEntries: ['/api_keys'],
        },
    );

describe('"Clés API"', () => {
    it('lists the keys with their prefix, rights and status, never a secret', async () => {
        renderList({});
        const row = (await screen.findByText('CRM')).closest('tr')!;
        expect(row).toHaveTextContent('csk_12345678…');
        expect(row).toHaveTextContent('Lecture et écriture');
        expect(row).toHaveTextContent('Active');
        expect(within(row).getByRole('button', { name: 'Révoquer' })).toBeInTheDocument();
        const revoked = screen.getByText('Facturation').closest('tr')!;
        expect(revoked).toHaveTextContent('Révoquée');
        expect(within(revoked).queryByRole('button', { name: 'Révoquer' })).toBeNull();
    });

    it('creates a key and shows its secret once, with a copy button and the warning', async () => {
        const create = vi.fn().mockResolvedValue({ data: { id: 3, name: 'Script', prefix: SECRET.slice(0, 12), scope: 'write', expires_at: null, last_used_at: null, revoked_at: null, secret: SECRET } });
        renderList({ create });
        const user = userEvent.setup();
        await user.click(await screen.findByRole('button', { name: 'Créer une clé' }));
        let dialog = await screen.findByRole('dialog');
        // A reseller cannot choose usage keys.
        await user.click(within(dialog).getByRole('combobox', { name: 'Droits' }));
        expect(screen.queryByRole('option', { name: 'Relevés d’utilisation' })).toBeNull();
        await user.click(screen.getByRole('option', { name: 'Lecture et écriture' }));
        await user.type(within(dialog).getByRole('textbox', { name: /Nom/ }), 'Script');
        await user.click(within(dialog).getByRole('button', { name: 'Créer une clé' }));
        await waitFor(() => expect(create).toHaveBeenCalledWith('api_keys', expect.objectContaining({ data: { name: 'Script', scope: 'write', expires_at: null } })));
        expect(await within(dialog).findByTestId('api-key-secret')).toHaveValue(SECRET);
        expect(dialog).toHaveTextContent('elle ne sera plus jamais affichée');
        expect(within(dialog).getByRole('button', { name: 'Copier' })).toBeInTheDocument();
        await user.click(within(dialog).getByRole('button', { name: 'J’ai copié la clé' }));
        await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull());
        // Opened again: a new form, the secret is gone.
        await user.click(screen.getByRole('button', { name: 'Créer une clé' }));
        dialog = await screen.findByRole('dialog');
        expect(within(dialog).queryByTestId('api-key-secret')).toBeNull();
        expect(document.body).not.toHaveTextContent(SECRET);
    });

    it('revokes a key after a confirmation', async () => {
        const deleteOne = vi.fn().mockResolvedValue({ data: { ...keys[1], revoked_at: '2026-11-26T12:00:00.000Z' } });
        renderList({ delete: deleteOne });
        const user = userEvent.setup();
        const row = (await screen.findByText('CRM')).closest('tr')!;
        await user.click(within(row).getByRole('button', { name: 'Révoquer' }));
        const confirm = await screen.findByRole('dialog');
        expect(confirm).toHaveTextContent('Révoquer la clé « CRM » ?');
        expect(deleteOne).not.toHaveBeenCalled();
        await user.click(within(confirm).getByRole('button', { name: 'Révoquer' }));
        await waitFor(() => expect(deleteOne).toHaveBeenCalledWith('api_keys', expect.objectContaining({ id: 1 })));
    });

    it('a key is revoked, expired or active', () => {
        const now = new Date('2026-11-26T12:00:00Z');
        expect(apiKeyStatus({ revoked_at: '2026-11-01T00:00:00Z', expires_at: '2026-01-01T00:00:00Z' }, now)).toBe('revoked');
        expect(apiKeyStatus({ revoked_at: null, expires_at: '2026-11-26T11:59:59Z' }, now)).toBe('expired');
        expect(apiKeyStatus({ revoked_at: null, expires_at: null }, now)).toBe('active');
        expect(expiryInstant('')).toBeNull();
        expect(Date.parse(expiryInstant('2027-01-31')!)).toBe(new Date('2027-01-31T23:59:59').getTime());
    });
});

describe('<OverUsedBadge>', () => {
    it('says "Sur-utilisé : 14 / 12" above the seats, nothing otherwise', async () => {
        const { unmount } = renderWithAdmin(
            <RecordContextProvider value={{ id: 1, seats: 12, active_users: 14, over_used: true }}>
                <OverUsedBadge />
            </RecordContextProvider>,
            { dataProvider: fakeDataProvider({}) },
        );
        expect(await screen.findByTestId('over-used-badge')).toHaveTextContent('Sur-utilisé : 14 / 12');
        unmount();
        renderWithAdmin(
            <RecordContextProvider value={{ id: 1, seats: 12, active_users: 12, over_used: false }}>
                <OverUsedBadge />
            </RecordContextProvider>,
            { dataProvider: fakeDataProvider({}) },
        );
        expect(screen.queryByTestId('over-used-badge')).toBeNull();
    });
});
