import { TextInput, useTranslate, type TextInputProps, type Validator } from 'react-admin';
import { dateInputText, isIsoDate, parseDateInput } from './dates';

const validDate: Validator = value =>
    value === null || value === undefined || value === '' || isIsoDate(value) ? undefined : 'cascade.validation.date';

/**
 * A calendar date typed as dd/mm/yyyy whatever the browser's language (the native date input
 * follows the browser, not the console); the form holds 'YYYY-MM-DD'.
 */
export const LocaleDateInput = ({ validate, helperText, ...props }: TextInputProps) => {
    const translate = useTranslate();
    const validators = [validDate, ...(Array.isArray(validate) ? validate : validate ? [validate] : [])];
    return (
        <TextInput
            {...props}
            format={dateInputText}
            parse={parseDateInput}
            validate={validators}
            helperText={helperText ?? translate('cascade.validation.date_pattern')}
            slotProps={{ htmlInput: { inputMode: 'numeric', placeholder: translate('cascade.validation.date_pattern') } }}
        />
    );
};
