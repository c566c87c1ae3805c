import { afterEach, describe, expect, it, vi } from 'vitest';
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { RecordContextProvider, ResourceContextProvider } from 'react-admin';
import { WebhookCreate } from '../../client/src/webhooks/WebhookCreate';
import { DeliveryLog } from '../../client/src/webhooks/DeliveryLog';
import type { Webhook, WebhookDelivery } from '../../client/src/providers/dataProvider';
import { fakeAuthProvider, fakeDataProvider, renderWithAdmin } from './renderWithAdmin';

const SECRET = 'whsec_0123456789abcdef';

afterEach(() => vi.unstubAllGlobals());

describe('new webhook', () => {
    it('sends the URL and the events ticked, then shows the secret once with a copy button', async () => {
        const user = userEvent.setup();
        const writeText = vi.fn(() => Promise.resolve());
        Object.defineProperty(navigator, 'clipboard', { value: { writeText }, configurable: true });
        const create = vi.fn((_resource: string, { data }: { data: Partial<Webhook> }) =>
            Promise.resolve({ data: { id: 7, active: true, failing_since: null, created_at: '2026-11-26T10:00:00.000Z', ...data, secret: SECRET } }),
        );
        renderWithAdmin(
            <ResourceContextProvider value="webhooks">
                <WebhookCreate />
            </ResourceContextProvider>,
            { dataProvider: fakeDataProvider({ create, getOne: () => new Promise(() => {}) }), authProvider: fakeAuthProvider('partner') },
        );

        await user.type(await screen.findByRole('textbox', { name: /Adresse \(URL\)/ }), 'https://crm.example.fr/cascade');
        // "Abonnement renouvelé" is ticked by default; add the orders placed.
        expect(screen.getByRole('checkbox', { name: 'Abonnement renouvelé' })).toBeChecked();
        await user.click(screen.getByRole('checkbox', { name: 'Commande passée' }));
        await user.click(screen.getByRole('button', { name: 'Enregistrer' }));

        await waitFor(() => expect(create).toHaveBeenCalledTimes(1));
        expect(create.mock.calls[0][1].data).toMatchObject({ url: 'https://crm.example.fr/cascade', events: ['subscription.renewed', 'order.submitted'] });
        const dialog = await screen.findByRole('dialog', { name: 'Secret de signature' });
        expect(within(dialog).getByTestId('webhook-secret')).toHaveTextContent(SECRET);
        expect(within(dialog).getByText(/il ne sera plus jamais affiché/)).toBeInTheDocument();
        await user.click(within(dialog).getByRole('button', { name: 'Copier' }));
        expect(writeText).toHaveBeenCalledWith(SECRET);
        expect(await within(dialog).findByText('Secret copié')).toBeInTheDocument();

        await user.click(within(dialog).getByRole('button', { name: 'J’ai copié le secret' }));
        await waitFor(() => expect(screen.queryByRole('dialog')).not.toBeInTheDocument());
        expect(screen.queryByText(SECRET)).not.toBeInTheDocument();
    });
});

describe('delivery log', () => {
    const failed: WebhookDelivery = {
        id: 31,
        webhook_id: 7,
        event_id: 'evt_abc',
        type: 'subscription.renewed',
        status: 'failed',
        attempts: 12,
        last_status_code: 500,
        last_error: 'HTTP 500',
        next_attempt_at: null,
        created_at: '2026-11-20T10:00:00.000Z',
    };

    it('lists the deliveries with their state, and "Renvoyer" queues one again', async () => {
        const user = userEvent.setup();
        let current = failed;
        const getManyReference = vi.fn(() => Promise.resolve({ data: [current], total: 1 }));
        const retryWebhookDelivery = vi.fn((id: number) => {
            current = { ...failed, id, status: 'pending' };
            return Promise.resolve(current);
        });
        renderWithAdmin(
            <ResourceContextProvider value="webhooks">
                <RecordContextProvider value={{ id: 7, url: 'https://crm.example.fr/cascade', events: ['subscription.renewed'], active: true, failing_since: null }}>
                    <DeliveryLog />
                </RecordContextProvider>
            </ResourceContextProvider>,
            { dataProvider: fakeDataProvider({ getManyReference, retryWebhookDelivery }), authProvider: fakeAuthProvider('reseller') },
        );

        expect(await screen.findByText('Échec')).toBeInTheDocument();
        expect(screen.getByText('Abonnement renouvelé')).toBeInTheDocument();
        expect(screen.getByText('500')).toBeInTheDocument();
        await user.click(screen.getByRole('button', { name: 'Renvoyer' }));
        expect(retryWebhookDelivery).toHaveBeenCalledWith(31);
        expect(await screen.findByText('Envoi remis en file')).toBeInTheDocument();
        expect(await screen.findByText('En attente')).toBeInTheDocument();
    });
});
