/**
 * The one table of status colours (DESIGN §2). Rows, chips, the legend and the
 * dashboard all read it; nothing else decides a status colour.
 */
import { STATUSES, type Status } from '../../../shared/contract';

export { STATUSES, type Status };

export type StatusColour = 'red' | 'orange' | 'default' | 'green' | 'blue' | 'grey';

export interface StatusStyle {
    /** The colour name of DESIGN §2. */
    colour: StatusColour;
    /** Solid colour: left border of a row, legend swatch, chip. null = theme default. */
    main: string | null;
    /** Translucent row background (works on light and dark themes). */
    tint: string | null;
    /** Text in the colour on a light theme, dark enough for WCAG AA (4.5:1) on the tinted row. */
    text: string | null;
    /** Renewed rows show a green check mark. */
    check: boolean;
}

export const statusStyles: Record<Status, StatusStyle> = {
    expired: { colour: 'red', main: '#d32f2f', tint: 'rgba(211, 47, 47, 0.12)', text: '#b71c1c', check: false },
    expiring: { colour: 'orange', main: '#ef6c00', tint: 'rgba(239, 108, 0, 0.14)', text: '#a84300', check: false },
    active: { colour: 'default', main: null, tint: null, text: null, check: false },
    renewed: { colour: 'green', main: '#2e7d32', tint: 'rgba(46, 125, 50, 0.10)', text: '#1b5e20', check: true },
    not_started: { colour: 'blue', main: '#1565c0', tint: 'rgba(21, 101, 192, 0.10)', text: '#0d47a1', check: false },
    cancelled: { colour: 'grey', main: '#9e9e9e', tint: 'rgba(158, 158, 158, 0.14)', text: '#616161', check: false },
};

export const isStatus = (value: unknown): value is Status =>
    typeof value === 'string' && (STATUSES as readonly string[]).includes(value);

/** The style of any value; unknown or missing statuses look like `active`. */
export const styleOf = (status: unknown): StatusStyle =>
    isStatus(status) ? statusStyles[status] : statusStyles.active;
