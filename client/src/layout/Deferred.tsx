import { startTransition, useEffect, useState, type ReactNode } from 'react';

/**
 * Shows `fallback`, then `children` in a render of their own, once the fallback has been committed.
 * A render React starts from a data response (react-query's store) is synchronous: the whole
 * console at once, one long task of several hundred ms on a slow phone. A transition is built in
 * 5 ms slices between paints, and what came before it (the shell, a page's title and tabs) is on
 * screen meanwhile. (useDeferredValue's initial value does not do it inside a render that is already
 * deferred: React then renders the final value at once, in the same commit.)
 */
export const Deferred = ({ children, fallback }: { children: ReactNode; fallback: ReactNode }) => {
    const [ready, setReady] = useState(false);
    useEffect(() => startTransition(() => setReady(true)), []);
    return ready ? children : fallback;
};
