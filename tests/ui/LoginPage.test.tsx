import { describe, expect, it, vi } from 'vitest';
import { screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { HttpError, type AuthProvider } from 'react-admin';
import { LoginPage } from '../../client/src/login/LoginPage';
import { fakeAuthProvider, fakeDataProvider, renderWithAdmin } from './renderWithAdmin';

const refusal = (status: number, code: string, details?: object) => new HttpError('refused', status, { message: 'refused', code, details });

const renderLogin = (login: ReturnType<typeof vi.fn>) =>
    renderWithAdmin(<LoginPage />, {
        dataProvider: fakeDataProvider({}),
        authProvider: fakeAuthProvider('partner', { login: login as AuthProvider['login'] }),
        initialEntries: ['/login'],
    });

const fillCredentials = async (user: ReturnType<typeof userEvent.setup>) => {
    await user.type(screen.getByLabelText(/Adresse e-mail/), 'partenaire@alliance.example');
    await user.type(screen.getByLabelText(/Mot de passe/), 'Cascade-Partenaire-2026');
    await user.click(screen.getByRole('button', { name: 'Se connecter' }));
};

describe('login page', () => {
    it('asks for the 2FA code when the server says totp_required, then sends it with the password', async () => {
        const login = vi.fn().mockRejectedValueOnce(refusal(401, 'totp_required')).mockResolvedValueOnce(undefined);
        renderLogin(login);
        const user = userEvent.setup();
        expect(screen.queryByLabelText(/Code de vérification/)).toBeNull();
        await fillCredentials(user);
        const code = await screen.findByLabelText(/Code de vérification ou code de secours/);
        expect(login).toHaveBeenCalledWith({ email: 'partenaire@alliance.example', password: 'Cascade-Partenaire-2026' });
        expect(screen.queryByRole('alert')).toBeNull();
        expect(screen.queryByLabelText(/Mot de passe/)).toBeNull();
        await user.type(code, '123456');
        await user.click(screen.getByRole('button', { name: 'Se connecter' }));
        await waitFor(() => expect(login).toHaveBeenCalledTimes(2));
        expect(login.mock.calls[1][0]).toEqual({
            email: 'partenaire@alliance.example',
            password: 'Cascade-Partenaire-2026',
            code: '123456',
        });
    });

    it('says a wrong code in French and lets the user go back to the password', async () => {
        const login = vi.fn().mockRejectedValueOnce(refusal(401, 'totp_required')).mockRejectedValueOnce(refusal(401, 'invalid_totp'));
        renderLogin(login);
        const user = userEvent.setup();
        await fillCredentials(user);
        await user.type(await screen.findByLabelText(/Code de vérification/), '000000');
        await user.click(screen.getByRole('button', { name: 'Se connecter' }));
        expect(await screen.findByRole('alert')).toHaveTextContent('Code de vérification incorrect');
        await user.click(screen.getByRole('button', { name: 'Retour' }));
        expect(await screen.findByLabelText(/Mot de passe/)).toHaveValue('Cascade-Partenaire-2026');
    });

    it.each([
        ['Adresse e-mail ou mot de passe incorrect', refusal(401, 'invalid_credentials')],
        ['Trop de tentatives : réessayez dans 15 minutes', refusal(429, 'too_many_attempts', { minutes: 15 })],
        [
            'Saisissez votre adresse e-mail et votre mot de passe',
            new HttpError('Invalid email: Required', 400, { message: 'Invalid email: Required', errors: { email: 'Required' } }),
        ],
        ['Erreur du serveur : réessayez dans un instant', new HttpError('Internal server error', 500, { message: 'Internal server error' })],
        ['Le serveur ne répond pas : vérifiez votre connexion', new TypeError('Failed to fetch')],
    ] as [string, Error][])('says "%s" for its refusal', async (text, error) => {
        renderLogin(vi.fn().mockRejectedValueOnce(error));
        await fillCredentials(userEvent.setup());
        expect(await screen.findByRole('alert')).toHaveTextContent(text);
        expect(screen.queryByLabelText(/Code de vérification/)).toBeNull();
    });

    it('does not send empty fields', async () => {
        const login = vi.fn();
        renderLogin(login);
        await userEvent.setup().click(screen.getByRole('button', { name: 'Se connecter' }));
        expect(await screen.findByRole('alert')).toHaveTextContent('Saisissez votre adresse e-mail et votre mot de passe');
        expect(login).not.toHaveBeenCalled();
    });
});
