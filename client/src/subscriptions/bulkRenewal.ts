import type { TranslateFunction } from 'react-admin';
import type { BulkRenewResult } from '../providers/dataProvider';
import { errorMessage } from '../misc/errorMessage';

const MISSING = '\u0000missing';

export const isRenewed = (result: BulkRenewResult) => result.status === 201;

/**
 * Why one renewal of a bulk renewal failed, in the user's language: the reason of its `code`
 * (`cascade.bulk_renew.reasons.<code>`), a 404 as "not found", else the general refusal text.
 */
export const bulkFailureReason = (result: BulkRenewResult, translate: TranslateFunction): string => {
    const code = result.code ?? (result.status === 404 ? 'not_found' : undefined);
    if (code && /^[a-z0-9_]+$/.test(code)) {
        const text = translate(`cascade.bulk_renew.reasons.${code}`, { ...result.details, _: MISSING });
        if (text !== MISSING) return text;
    }
    return errorMessage({ body: { message: result.message, code: result.code, details: result.details } }, translate);
};
