/**
 * The daily pages (client list, clients to renew and its dialog) are lazy routes so the first
 * screen (the dashboard) downloads less. Their code is fetched ahead on the first sign the user is
 * about to leave the dashboard (the pointer over a link or button, or keyboard focus on one), or
 * after a quiet while: evaluating it costs ~100 ms of main thread, which must not compete with the
 * dashboard's own first render.
 */
const QUIET_WHILE_MS = 15_000;

export const prefetchDailyPages = () => {
    let timer: ReturnType<typeof setTimeout> | undefined;
    const fetchPages = () => {
        document.removeEventListener('pointerover', onIntent);
        document.removeEventListener('focusin', onIntent);
        clearTimeout(timer);
        void import('../clients/ClientList');
        void import('../subscriptions/ToRenewList');
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
