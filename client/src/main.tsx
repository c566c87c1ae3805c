/**
 * The console's code is asked for all at once, in parts that each run as soon as they have arrived:
 * react-dom, then the theme (MUI and emotion), then the layout (react-admin), then the app. A part
 * holds the code of the parts before it, so they usually arrive in this order, and each runs in a task
 * of its own instead of the whole bundle's ~150 ms run in one task that freezes a phone for ~0.6 s.
 * Until then index.html's static shell is on screen.
 */
import { currentAccount } from './providers/authProvider';

// The session check (react-admin's first question) leaves now, with the code, not after it: its
// answer waits in authProvider's short cache (a refusal is not kept, and is the login page's business).
currentAccount().catch(() => undefined);

void import('./misc/prefetch').then(({ prefetchDailyPages }) => prefetchDailyPages());

void Promise.all([
    import('react'),
    import('react-dom/client'),
    import('./layout/theme'),
    import('./layout/Layout'),
    import('./App'),
]).then(([{ startTransition, StrictMode, createElement }, { createRoot }, , , { App }]) =>
    // A transition: React renders the first screen in short slices instead of one long task.
    startTransition(() =>
        createRoot(document.getElementById('root')!).render(createElement(StrictMode, null, createElement(App))),
    ),
);
