/**
 * The console's code is asked for all at once, in parts that each run as soon as they have arrived:
 * react-dom, the theme, MUI's core (what its Button needs: emotion, the styling system), the app bar
 * (with most of react-admin's core), the layout, then the app. The build gives each part one file
 * holding what no earlier part holds (scripts/bootChunks.ts), and each runs in a task of its own
 * instead of the whole bundle's ~150 ms run in one task that freezes a phone for ~0.6 s; the parts
 * are cut so that none runs much over 50 ms on a phone (the core and app bar were one ~200 ms run).
 * Until then index.html's static shell is on screen.
 */
import { afterNextPaint } from './misc/afterNextPaint';
import { currentAccount } from './providers/authProvider';
import { primeGet } from './providers/dataProvider';

// The session check (react-admin's first question) leaves now, with the code, not after it: its
// answer waits in authProvider's short cache (a refusal is not kept, and is the login page's business).
currentAccount().catch(() => undefined);
// So do the dashboard's figures when the address opens it: its cards wait on nothing else.
if (['', '#/'].includes(window.location.hash)) primeGet('/dashboard');

void import('./misc/prefetch').then(({ prefetchDailyPages }) => prefetchDailyPages());

// The parts are asked for once the shell is on screen: its paint needs none of them (index.html names
// the entry only). Lighthouse's simulation of a phone counts every file that arrived before the
// largest paint as needed by it: preloaded with the page, ~235 KB over slow 4G were (LCP 2.5 s
// instead of the shell's 1 s). On a phone they leave one round trip later (the entry's).
afterNextPaint(() => void Promise.all([
    import('react'),
    import('react-dom/client'),
    import('./layout/theme'),
    import('@mui/material/Button'),
    import('./layout/AppBar'),
    import('./layout/Layout'),
    import('./App'),
]).then(([{ startTransition, StrictMode, createElement }, { createRoot }, , , , , { App }]) =>
    // A transition: React renders the first screen in short slices instead of one long task.
    startTransition(() =>
        createRoot(document.getElementById('root')!).render(createElement(StrictMode, null, createElement(App))),
    ),
));
