import { startTransition, StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './App';
import { prefetchDailyPages } from './misc/prefetch';

// A transition: React renders the first screen in short slices instead of one long task.
startTransition(() =>
    createRoot(document.getElementById('root')!).render(
        <StrictMode>
            <App />
        </StrictMode>,
    ),
);

prefetchDailyPages();
