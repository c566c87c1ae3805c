import { describe, expect, it, vi } from 'vitest';
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { ApiReferencePage } from '../../client/src/apiReference/ApiReferencePage';
import type { OpenApiDocument } from '../../client/src/apiReference/openApiModel';
import { fakeAuthProvider, fakeDataProvider, renderWithAdmin } from './renderWithAdmin';
import type { Role } from '../../client/src/providers/permissions';

/** A small document shaped like the server's: components, references, a nested body. */
const spec: OpenApiDocument = {
    openapi: '3.1.0',
    paths: {
        '/api/health': {
            get: { tags: ['Service'], summary: 'Liveness: the process answers', security: [], responses: { 200: { description: 'Up' } } },
        },
        '/api/clients': {
            post: {
                tags: ['Clients'],
                summary: 'Create a client with its first subscriptions',
                requestBody: {
                    content: {
                        'application/json': {
                            schema: {
                                type: 'object',
                                properties: {
                                    name: { type: 'string', minLength: 1, maxLength: 200 },
                                    reseller_id: { type: ['integer', 'null'], exclusiveMinimum: 0, maximum: 9007199254740991 },
                                    subscriptions: {
                                        type: 'array',
                                        minItems: 1,
                                        items: {
                                            type: 'object',
                                            properties: {
                                                start_date: { type: 'string', format: 'date', description: 'A date YYYY-MM-DD between 2000-01-01 and 2999-12-31' },
                                                years: { type: 'integer', minimum: 1, maximum: 10 },
                                            },
                                            required: ['start_date', 'years'],
                                        },
                                    },
                                },
                                required: ['name', 'subscriptions'],
                            },
                        },
                    },
                },
                responses: { 201: { description: 'Created' }, 400: { $ref: '#/components/responses/Error400' } },
            },
        },
        '/api/clients/{id}': {
            get: {
                tags: ['Clients'],
                summary: 'Read one client',
                parameters: [{ name: 'id', in: 'path', required: true, schema: { type: 'integer', exclusiveMinimum: 0 } }],
                responses: { 200: { description: 'The client' }, 404: { $ref: '#/components/responses/Error404' } },
            },
        },
    },
    components: {
        responses: {
            Error400: { description: 'Invalid input: `errors` names each bad field' },
            Error404: { description: 'No such record' },
        },
    },
};

const renderPage = (role: Role = 'admin') => {
    const openApiDocument = vi.fn().mockResolvedValue(spec);
    renderWithAdmin(<ApiReferencePage />, { dataProvider: fakeDataProvider({ openApiDocument }), authProvider: fakeAuthProvider(role) });
    return openApiDocument;
};

/** The folded route whose summary line shows this method and path. */
const routeButton = (method: string, path: string) =>
    screen.getAllByRole('button').find(button => within(button).queryByText(method) && within(button).queryByText(path))!;

describe('<ApiReferencePage>', () => {
    it('lists the routes grouped by tag, with their method, path and summary', async () => {
        renderPage();
        expect(await screen.findByRole('heading', { name: 'Clients' })).toBeInTheDocument();
        expect(screen.getByRole('heading', { name: 'Service' })).toBeInTheDocument();
        const clients = screen.getByRole('region', { name: 'Clients' });
        expect(within(clients).getByText('/api/clients/{id}')).toBeInTheDocument();
        expect(within(clients).getByText('Read one client')).toBeInTheDocument();
        expect(within(clients).getByText('POST')).toBeInTheDocument();
        expect(within(screen.getByRole('region', { name: 'Service' })).getByText('Publique')).toBeInTheDocument();
        expect(screen.getByText('3 routes')).toBeInTheDocument();
    });

    it('unfolds a route to its body fields, in French, with their types and bounds', async () => {
        renderPage();
        await screen.findByRole('heading', { name: 'Clients' });
        await userEvent.setup().click(routeButton('POST', '/api/clients'));

        expect(await screen.findByText('Corps de la requête (JSON)')).toBeInTheDocument();
        const years = screen.getAllByTestId('api-field').find(line => within(line).queryByText('subscriptions[].years'))!;
        expect(years).toHaveTextContent('obligatoire');
        expect(years).toHaveTextContent('entier, de 1 à 10');
        const resellerId = screen.getAllByTestId('api-field').find(line => within(line).queryByText('reseller_id'))!;
        expect(resellerId).toHaveTextContent('facultatif');
        expect(resellerId).toHaveTextContent('entier ou null, au moins 1');
        const startDate = screen.getAllByTestId('api-field').find(line => within(line).queryByText('subscriptions[].start_date'))!;
        expect(startDate).toHaveTextContent('A date YYYY-MM-DD between 2000-01-01 and 2999-12-31');
        // Error answers are read through their component reference.
        expect(screen.getByText('Invalid input: `errors` names each bad field')).toBeInTheDocument();
    });

    it('shows a path parameter where it goes', async () => {
        renderPage();
        await screen.findByRole('heading', { name: 'Clients' });
        await userEvent.setup().click(routeButton('GET', '/api/clients/{id}'));
        const id = (await screen.findAllByTestId('api-field')).find(line => within(line).queryByText('id'))!;
        expect(id).toHaveTextContent('chemin · entier, au moins 1');
    });

    it('filters the routes by words of their path or summary', async () => {
        renderPage();
        await screen.findByRole('heading', { name: 'Clients' });
        await userEvent.setup().type(screen.getByRole('searchbox', { name: 'Filtrer les routes' }), 'liveness');
        await waitFor(() => expect(screen.queryByRole('heading', { name: 'Clients' })).toBeNull());
        expect(screen.getByText('/api/health')).toBeInTheDocument();
        expect(screen.getByText('1 route')).toBeInTheDocument();
    });

    it('is refused to a partner, without asking for the document', async () => {
        const openApiDocument = renderPage('partner');
        expect(await screen.findByText('Cette page est réservée aux administrateurs')).toBeInTheDocument();
        expect(openApiDocument).not.toHaveBeenCalled();
    });
});
