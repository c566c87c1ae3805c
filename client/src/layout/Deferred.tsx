import { startTransition, useEffect, useState, type ReactNode } from 'react';

/**
 * False, then true in a transition started once the component's first render has been committed.
 * A render React starts from a data response (react-query's store) is synchronous: the whole
 * console at once, one long task of several hundred ms on a slow phone. A transition is built in
 * 5 ms slices between paints, and what the first commit showed stays on screen meanwhile.
 * (useDeferredValue's initial value does not do it inside a render that is already deferred: React
 * then renders the final value at once, in the same commit.)
 */
export const useMountedInTransition = () => {
    const [mounted, setMounted] = useState(false);
    useEffect(() => startTransition(() => setMounted(true)), []);
    return mounted;
};

/** Shows `fallback` (the shell, a page's skeleton), then `children` in a render of their own. */
export const Deferred = ({ children, fallback }: { children: ReactNode; fallback: ReactNode }) =>
    useMountedInTransition() ? children : fallback;
