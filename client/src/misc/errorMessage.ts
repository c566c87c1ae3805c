import { useCallback } from 'react';
import { useNotify, useTranslate, type TranslateFunction } from 'react-admin';

/** The JSON body of a server refusal (DESIGN §3 errors), as HttpError keeps it in `body`. */
export interface ErrorBody {
    message?: string;
    errors?: Record<string, string>;
    /** A domain refusal: 'insufficient_licenses', 'idempotency_key_reused', … */
    code?: string;
    /** The numbers of the refusal, e.g. {needed: 24, balance: 10}. */
    details?: Record<string, number | string>;
}

const MISSING = '\u0000missing';

const bodyOf = (error: unknown): ErrorBody | undefined => {
    const body = (error as { body?: unknown } | null | undefined)?.body;
    return body && typeof body === 'object' ? (body as ErrorBody) : undefined;
};

/** `cascade.errors.<code>` with the details as arguments, or null when there is no such key. */
const translatedRefusal = (body: ErrorBody | undefined, translate: TranslateFunction): string | null => {
    if (!body?.code || !/^[a-z0-9_]+$/.test(body.code)) return null;
    const text = translate(`cascade.errors.${body.code}`, { ...body.details, _: MISSING });
    return text === MISSING ? null : text;
};

/**
 * What to tell the user about a failed request: a domain refusal in their language
 * (`cascade.errors.<code>`), else the server's message as it came.
 */
export const errorMessage = (error: unknown, translate: TranslateFunction): string => {
    const body = bodyOf(error);
    const translated = translatedRefusal(body, translate);
    if (translated !== null) return translated;
    if (typeof body?.message === 'string' && body.message !== '') return body.message;
    if (error instanceof Error) return error.message;
    return typeof error === 'string' ? error : '';
};

/**
 * The per-field texts of a refusal (`errors`). For a translated domain refusal every field
 * it names gets the translated sentence, so no English text reaches a French form.
 */
export const errorFields = (error: unknown, translate: TranslateFunction): Record<string, string> => {
    const body = bodyOf(error);
    const fields = body?.errors && typeof body.errors === 'object' ? body.errors : {};
    const translated = translatedRefusal(body, translate);
    if (translated === null) return { ...fields };
    return Object.fromEntries(Object.keys(fields).map(field => [field, translated]));
};

/** Notifies a failed request with errorMessage() (the text as it is, not looked up as a key). */
export const useNotifyError = () => {
    const notify = useNotify();
    const translate = useTranslate();
    return useCallback(
        (error: unknown) => {
            const message = errorMessage(error, translate);
            notify(message || 'ra.notification.http_error', { type: 'error', messageArgs: { _: message } });
        },
        [notify, translate],
    );
};
