/**
 * The renew dialog's live preview: remaining = balance − seats × years
 * (DESIGN §2 "Renewal"). A preview only: the server decides and its answer is shown.
 */
import { YEARS } from '../../../shared/contract';
export type RenewBlocker = 'years' | 'seats' | 'short' | 'no_balance';

export interface RenewPreview {
    years: number | null;
    seats: number | null;
    cost: number | null;
    /** balance − cost, null while an input is invalid or the balance unknown. */
    remaining: number | null;
    /** Why OK is disabled; null when the renewal can be sent. */
    blocker: RenewBlocker | null;
}

/** A whole number typed by the user, or null ('', '1.5', '2e', ' ' are not). */
export const parseWhole = (value: unknown): number | null => {
    if (typeof value === 'number') return Number.isInteger(value) ? value : null;
    if (typeof value !== 'string' || !/^\s*-?\d+\s*$/.test(value)) return null;
    return Number.parseInt(value, 10);
};

export const renewPreview = (
    balance: number | null | undefined,
    yearsInput: unknown,
    seatsInput: unknown,
): RenewPreview => {
    const y = parseWhole(yearsInput);
    const s = parseWhole(seatsInput);
    const years = y !== null && y >= YEARS.min && y <= YEARS.max ? y : null;
    const seats = s !== null && s >= 1 ? s : null;
    const cost = years !== null && seats !== null ? years * seats : null;
    const remaining = cost !== null && typeof balance === 'number' ? balance - cost : null;
    const blocker: RenewBlocker | null =
        years === null
            ? 'years'
            : seats === null
              ? 'seats'
              : remaining === null
                ? 'no_balance'
                : remaining < 0
                  ? 'short'
                  : null;
    return { years, seats, cost, remaining, blocker };
};
