import { useEffect, useState } from 'react';

/** How long typed years/seats must stay still before a quote is asked again. */
export const QUOTE_DEBOUNCE_MS = 300;

/** `value` once it has stayed the same for `delay` ms (the first value at once). */
export const useDebounced = <T,>(value: T, delay: number): T => {
    const [settled, setSettled] = useState(value);
    useEffect(() => {
        if (Object.is(value, settled)) return;
        const timer = setTimeout(() => setSettled(value), delay);
        return () => clearTimeout(timer);
    }, [value, settled, delay]);
    return settled;
};
