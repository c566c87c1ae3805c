import type { SeatsQuote } from '../providers/dataProvider';
import { parseWhole } from './renewPreview';

/** Why the seat change cannot be sent yet; null when it can. */
export type SeatChangeBlocker = 'seats' | 'same' | 'quote' | 'short';

export interface SeatChangeState {
    /** The typed seats when valid (≥ 1), else null. */
    seats: number | null;
    /** The typed number is below the current one: nothing is refunded (DESIGN §2). */
    reduction: boolean;
    /** The quote for exactly the typed seats, once it has arrived. */
    quote: SeatsQuote | null;
    blocker: SeatChangeBlocker | null;
}

/**
 * The seat change dialog's state from what is typed and the latest quote. The cost is the
 * server's (prorata of the remaining days), so OK waits for the quote of the typed number.
 */
export const seatChangeState = (input: unknown, currentSeats: number, quote: SeatsQuote | undefined): SeatChangeState => {
    const parsed = parseWhole(input);
    const seats = parsed !== null && parsed >= 1 ? parsed : null;
    const current = quote && seats !== null && quote.seats === seats ? quote : null;
    const blocker: SeatChangeBlocker | null =
        seats === null
            ? 'seats'
            : seats === currentSeats
              ? 'same'
              : current === null
                ? 'quote'
                : current.remaining_after < 0
                  ? 'short'
                  : null;
    return { seats, reduction: seats !== null && seats < currentSeats, quote: current, blocker };
};
