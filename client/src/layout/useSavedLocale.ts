import { useEffect } from 'react';
import { useGetIdentity, useLocaleState, type Identifier } from 'react-admin';
import { authRequest, forgetAccount, type CascadeIdentity } from '../providers/authProvider';

export const saveLocale = (locale: string) =>
    authRequest('/locale', { method: 'PUT', body: JSON.stringify({ locale }) });

/**
 * The login whose saved language this page has taken, and that language as last saved. Kept for the
 * page's life, not a component's: the app bar mounts again on some navigations, and must not take a
 * stale identity for a new session.
 */
let session: { id: Identifier; locale: string } | null = null;

/**
 * The console's language belongs to the login, not to the browser: restored from /api/auth/me's
 * `locale` when a session starts, saved on the server (PUT /api/auth/locale) when the user switches it.
 */
export const useSavedLocale = () => {
    const { identity, refetch } = useGetIdentity();
    const account = identity as CascadeIdentity | undefined;
    const [locale, setLocale] = useLocaleState();
    useEffect(() => {
        if (!account?.locale) return;
        if (session?.id !== account.id) {
            session = { id: account.id, locale: account.locale };
            if (account.locale !== locale) setLocale(account.locale);
            return;
        }
        if (locale === session.locale) return;
        session.locale = locale;
        forgetAccount();
        // A failed save keeps the choice in this browser; the next login restores the saved one.
        saveLocale(locale).then(() => refetch(), () => undefined);
    }, [account?.id, account?.locale, locale, setLocale, refetch]);
};
