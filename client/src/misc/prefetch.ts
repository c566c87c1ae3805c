/**
 * The daily pages (client list, clients to renew and its dialog) are lazy routes so the
 * first screen (the dashboard) downloads less; once the page has loaded and the browser
 * is idle, their code is fetched in the background so opening them stays instant.
 */
export const prefetchDailyPages = () => {
    const fetchPages = () => {
        void import('../clients/ClientList');
        void import('../subscriptions/ToRenewList');
    };
    const whenIdle = () =>
        'requestIdleCallback' in window ? window.requestIdleCallback(fetchPages, { timeout: 5000 }) : setTimeout(fetchPages, 2000);
    if (document.readyState === 'complete') whenIdle();
    else window.addEventListener('load', whenIdle, { once: true });
};
