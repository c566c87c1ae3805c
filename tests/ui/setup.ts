import '@testing-library/jest-dom/vitest';
import { cleanup, configure } from '@testing-library/react';
import { afterEach, vi } from 'vitest';

afterEach(() => cleanup());

// Form tests type into react-admin forms; with every file running at once on a small machine a
// few of them pass 5 s, so they get more room (the e2e and node projects set their own).
vi.setConfig({ testTimeout: 20_000 });
// and findBy*/waitFor wait up to 5 s instead of 1 s: a lazy filter input can take longer to appear under load.
configure({ asyncUtilTimeout: 5_000 });

// recharts' ResponsiveContainer needs ResizeObserver, which jsdom lacks.
if (typeof globalThis.ResizeObserver === 'undefined') {
    globalThis.ResizeObserver = class {
        observe() {}
        unobserve() {}
        disconnect() {}
    } as unknown as typeof ResizeObserver;
}
