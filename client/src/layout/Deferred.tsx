import { useDeferredValue, type ReactNode } from 'react';

/**
 * Shows `fallback`, then `children` in a deferred render. A render React starts from a data
 * response (react-query's store) is synchronous: the whole console at once, one long task of
 * several hundred ms on a slow phone. A deferred render is built in 5 ms slices between paints.
 */
export const Deferred = ({ children, fallback }: { children: ReactNode; fallback: ReactNode }) => {
    const ready = useDeferredValue(true, false);
    return ready ? children : fallback;
};
