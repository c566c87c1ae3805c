import { useQuery } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import { useDataProvider } from 'react-admin';
import type { CascadeDataProvider } from '../providers/dataProvider';

/** Whether an undo window (`undo_until`, an ISO instant) is still open at `now` (ms). */
export const isUndoable = (undoUntil: string | null | undefined, now: number = Date.now()): boolean => {
    if (!undoUntil) return false;
    const until = Date.parse(undoUntil);
    return Number.isFinite(until) && until > now;
};

// setTimeout holds at most 2^31 − 1 ms (~24.8 days); the window is 7 days by default.
const MAX_TIMER_MS = 2_147_483_647;

/** The server's clock minus this device's (0 until known): the window is the server's, whatever the phone's clock says. */
const useServerClockOffset = (): number => {
    const dataProvider = useDataProvider<CascadeDataProvider>();
    const { data } = useQuery({
        queryKey: ['health', 'clockOffset'],
        queryFn: () => dataProvider.serverClockOffset(),
        staleTime: 10 * 60 * 1000,
    });
    return data ?? 0;
};

/**
 * Whether the undo window is open by the server's clock, turning false by itself when it closes
 * (the button then disappears without a reload; the server would answer 409 undo_refused anyway).
 */
export const useUndoWindow = (undoUntil: string | null | undefined): boolean => {
    const offset = useServerClockOffset();
    const serverNow = () => Date.now() + offset;
    const [open, setOpen] = useState(() => isUndoable(undoUntil, serverNow()));
    useEffect(() => {
        const stillOpen = isUndoable(undoUntil, serverNow());
        setOpen(stillOpen);
        if (!stillOpen || !undoUntil) return;
        const timer = setTimeout(() => setOpen(false), Math.min(Date.parse(undoUntil) - serverNow() + 50, MAX_TIMER_MS));
        return () => clearTimeout(timer);
    }, [undoUntil, offset]); // serverNow reads only `offset`
    return open;
};
