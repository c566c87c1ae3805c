import { useEffect, useState } from 'react';

/** Whether an undo window (`undo_until`, an ISO instant) is still open at `now` (ms). */
export const isUndoable = (undoUntil: string | null | undefined, now: number = Date.now()): boolean => {
    if (!undoUntil) return false;
    const until = Date.parse(undoUntil);
    return Number.isFinite(until) && until > now;
};

// setTimeout holds at most 2^31 − 1 ms (~24.8 days); the window is 7 days by default.
const MAX_TIMER_MS = 2_147_483_647;

/**
 * Whether the undo window is open, turning false by itself when it closes (the button then
 * disappears without a reload; the server would answer 409 undo_refused anyway).
 */
export const useUndoWindow = (undoUntil: string | null | undefined): boolean => {
    const [open, setOpen] = useState(() => isUndoable(undoUntil));
    useEffect(() => {
        const stillOpen = isUndoable(undoUntil);
        setOpen(stillOpen);
        if (!stillOpen || !undoUntil) return;
        const timer = setTimeout(() => setOpen(false), Math.min(Date.parse(undoUntil) - Date.now() + 50, MAX_TIMER_MS));
        return () => clearTimeout(timer);
    }, [undoUntil]);
    return open;
};

