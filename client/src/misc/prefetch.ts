/**
 * The daily pages (client list, clients to renew and its dialog) are lazy routes so the first
 * screen (the dashboard) downloads less. The page the address opens (a bookmark, a reload) is
 * fetched with the console's own code, instead of after the layout has rendered (once the static
 * shell has painted: its code need not delay the first paint). The
 * others are fetched ahead on the first sign the user is about to leave the dashboard (the pointer
 * over a link or button, or keyboard focus on one), or after a quiet while: evaluating them costs
 * ~100 ms of main thread, which must not compete with the dashboard's own first render.
 */
import { afterNextPaint } from './afterNextPaint';

const QUIET_WHILE_MS = 15_000;

// The build (scripts/bootChunks.ts) puts each page's code in a file of its own, in this order: the
// code both pages use goes with the first (after the dashboard's cards).
const DAILY_PAGES: Record<string, () => Promise<unknown>> = {
    '#/to-renew': () => import('../subscriptions/ToRenewList'),
    '#/clients': () => import('../clients/ClientList'),
};

/** The address's page, without its query (`#/to-renew?filter=…` is the to-renew list). */
const openedPage = () => window.location.hash.split('?')[0];

export const prefetchDailyPages = () => {
    const openedPageCode = DAILY_PAGES[openedPage()];
    if (openedPageCode) afterNextPaint(() => void openedPageCode());
    let timer: ReturnType<typeof setTimeout> | undefined;
    const fetchPages = () => {
        document.removeEventListener('pointerover', onIntent);
        document.removeEventListener('focusin', onIntent);
        clearTimeout(timer);
        for (const load of Object.values(DAILY_PAGES)) void load();
    };
    function onIntent(event: Event) {
        if (event.target instanceof Element && event.target.closest('a, button, [role="menuitem"]')) fetchPages();
    }
    document.addEventListener('pointerover', onIntent, { passive: true });
    document.addEventListener('focusin', onIntent);
    timer = setTimeout(
        () => ('requestIdleCallback' in window ? window.requestIdleCallback(fetchPages) : fetchPages()),
        QUIET_WHILE_MS,
    );
};
