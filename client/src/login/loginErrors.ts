import type { TranslateFunction } from 'react-admin';
import { errorMessage } from '../misc/errorMessage';

const bodyOf = (error: unknown) => (error as { body?: { code?: string; errors?: object } } | null)?.body;
const statusOf = (error: unknown) => (error as { status?: number } | null)?.status;

/** The password was right and the login has 2FA: the page asks for the code and sends again. */
export const needsCode = (error: unknown): boolean => statusOf(error) === 401 && bodyOf(error)?.code === 'totp_required';

/**
 * What the login page says about a refusal, in the user's language: the server's `code`
 * (invalid_credentials, invalid_totp, too_many_attempts {minutes}) through `cascade.errors.*`;
 * empty fields (400 without a code); no answer at all (network down).
 */
export const loginErrorMessage = (error: unknown, translate: TranslateFunction): string => {
    const status = statusOf(error);
    const body = bodyOf(error);
    if (status === undefined) return translate('cascade.login.network_error');
    if (status === 400 && !body?.code) return translate('cascade.login.fields_missing');
    if (status >= 500) return translate('cascade.login.server_error');
    return errorMessage(error, translate) || translate('cascade.errors.invalid_credentials');
};
