import type { TranslateFunction } from 'react-admin';
import { formatDate, formatDateTime } from '../misc/dates';

/** One field of a change as the server records it (api contract §6). */
interface FieldChange {
    from?: unknown;
    to?: unknown;
}

const isFieldChange = (value: unknown): value is FieldChange =>
    typeof value === 'object' && value !== null && ('from' in value || 'to' in value);

/** The change's data, as an object whether it came parsed or as JSON text; null when unreadable. */
const dataObject = (data: unknown): Record<string, unknown> | null => {
    let value = data;
    if (typeof data === 'string') {
        try {
            value = JSON.parse(data);
        } catch {
            return null;
        }
    }
    return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : null;
};

/** Fields whose values are codes the console already names (a role, a status). */
const NAMED_VALUES: Record<string, string> = { role: 'cascade.roles', status: 'cascade.status' };

const valueText = (field: string, value: unknown, translate: TranslateFunction, locale: string): string => {
    if (value === null || value === undefined || value === '') return '—';
    if (typeof value === 'boolean') return translate(`ra.boolean.${value}`);
    if (typeof value === 'string' && NAMED_VALUES[field]) return translate(`${NAMED_VALUES[field]}.${value}`, { _: value });
    if (typeof value === 'string') {
        if (/^\d{4}-\d{2}-\d{2}$/.test(value)) return formatDate(value, locale);
        if (/^\d{4}-\d{2}-\d{2}T/.test(value)) return formatDateTime(value, locale);
        return value;
    }
    return typeof value === 'object' ? JSON.stringify(value) : String(value);
};

/**
 * "Nom client : Boulangerie Martin → Boulangerie Martin & Fils": each changed field of a change trail
 * entry, under its label in the reader's language, old → new; a creation shows the new values only,
 * a deletion the old ones.
 */
export const changeLines = (
    { resource, action, data }: { resource: string; action?: string; data: unknown },
    translate: TranslateFunction,
    locale: string,
): string[] => {
    const fields = dataObject(data);
    if (!fields) return typeof data === 'string' && data !== '' ? [data] : [];
    return Object.entries(fields).map(([field, change]) => {
        const label = translate(`resources.${resource}.fields.${field}`, { _: field });
        const line = (value: string) => translate('cascade.changes.line', { field: label, value });
        if (!isFieldChange(change)) return line(valueText(field, change, translate, locale));
        const from = valueText(field, change.from, translate, locale);
        const to = valueText(field, change.to, translate, locale);
        if (action === 'create' || change.from === undefined) return line(to);
        if (action === 'delete' || change.to === undefined) return line(from);
        return line(`${from} → ${to}`);
    });
};
