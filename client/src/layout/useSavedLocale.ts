import { useEffect, useRef } from 'react';
import { useGetIdentity, useLocaleState, type Identifier } from 'react-admin';
import { authRequest, forgetAccount, type CascadeIdentity } from '../providers/authProvider';

export const saveLocale = (locale: string) =>
    authRequest('/locale', { method: 'PUT', body: JSON.stringify({ locale }) });

/**
 * The console's language belongs to the login, not to the browser: restored from /api/auth/me's
 * `locale` when a session starts, saved on the server (PUT /api/auth/locale) when the user switches it.
 */
export const useSavedLocale = () => {
    const { identity } = useGetIdentity();
    const account = identity as CascadeIdentity | undefined;
    const [locale, setLocale] = useLocaleState();
    const saved = useRef<{ id: Identifier; locale: string } | null>(null);
    useEffect(() => {
        if (!account?.locale) return;
        if (saved.current?.id !== account.id) {
            saved.current = { id: account.id, locale: account.locale };
            if (account.locale !== locale) setLocale(account.locale);
            return;
        }
        if (locale === saved.current.locale) return;
        saved.current.locale = locale;
        forgetAccount();
        // A failed save keeps the choice in this browser; the next login restores the saved one.
        saveLocale(locale).catch(() => undefined);
    }, [account?.id, account?.locale, locale, setLocale]);
};
