import { useCallback } from 'react';
import { useNotify, useSaveContext, useTranslate } from 'react-admin';
import type { FieldValues } from 'react-hook-form';
import { errorFields, errorMessage } from './errorMessage';

/**
 * The form's submit for a Create/Edit whose refusals should reach the user in their
 * language (a SimpleForm `onSubmit`). It saves through the page's save context; a
 * domain refusal (`code`) puts its translated sentence on the fields it names and in
 * the notification, a refusal without fields is notified with errorMessage(). Plain
 * validation errors keep react-admin's behaviour.
 */
export const useLocalizedSave = () => {
    const { save } = useSaveContext();
    const translate = useTranslate();
    const notify = useNotify();
    return useCallback(
        async (values: FieldValues) => {
            let refusal: unknown = null;
            const errors = await save?.(values, {
                onError: (error: unknown) => {
                    refusal = error;
                },
            });
            if (refusal === null) return errors;
            const fields = errorFields(refusal, translate);
            const message = errorMessage(refusal, translate);
            if (Object.keys(fields).length === 0) {
                notify(message || 'ra.notification.http_error', { type: 'error', messageArgs: { _: message } });
                return undefined;
            }
            const coded = typeof (refusal as { body?: { code?: unknown } }).body?.code === 'string';
            // root.serverError is the form's notification (react-admin's useNotifyIsFormInvalid)
            return coded ? { ...fields, root: { serverError: message } } : fields;
        },
        [save, translate, notify],
    );
};
