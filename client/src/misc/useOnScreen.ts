import { startTransition, useEffect, useState, type RefObject } from 'react';

/**
 * Whether the element has come on screen, a quarter of it at least (once true, stays true). What lies below a phone's first
 * screen waits until the user scrolls to it; a browser without IntersectionObserver shows it at once.
 * Watching starts when `active` (once the page's content is in, where the element has its place).
 * The change is a transition, so what it mounts is rendered in slices.
 */
export const useOnScreen = (ref: RefObject<Element | null>, active: boolean) => {
    const [seen, setSeen] = useState(() => typeof IntersectionObserver === 'undefined');
    useEffect(() => {
        const element = ref.current;
        if (seen || !active || !element) return;
        // a quarter of it in view: a strip peeking at the bottom edge is not yet looked at
        const observer = new IntersectionObserver(
            entries => {
                if (entries.some(entry => entry.isIntersecting)) startTransition(() => setSeen(true));
            },
            { threshold: 0.25 },
        );
        observer.observe(element);
        return () => observer.disconnect();
    }, [ref, seen, active]);
    return seen;
};
