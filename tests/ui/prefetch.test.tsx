import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';

/** The pages whose module was loaded, in order: a fresh module registry per test. */
const loaded: string[] = [];

beforeEach(() => {
    loaded.length = 0;
    vi.resetModules();
    vi.doMock('../../client/src/clients/ClientList', () => {
        loaded.push('ClientList');
        return { default: () => null };
    });
    vi.doMock('../../client/src/subscriptions/ToRenewList', () => {
        loaded.push('ToRenewList');
        return { default: () => null };
    });
});

const loadPrefetch = async () => (await import('../../client/src/misc/prefetch')).prefetchDailyPages;

afterEach(() => {
    vi.useRealTimers();
    document.body.innerHTML = '';
    window.location.hash = '';
});

describe('prefetching the daily pages', () => {
    it('waits for the pointer over a link, then fetches the to-renew list and the client list', async () => {
        const prefetchDailyPages = await loadPrefetch();
        document.body.innerHTML = '<p>texte</p><a href="#/clients">Clients</a>';
        prefetchDailyPages();
        document.querySelector('p')!.dispatchEvent(new Event('pointerover', { bubbles: true }));
        await new Promise(resolve => setTimeout(resolve, 20));
        expect(loaded).toEqual([]);
        document.querySelector('a')!.dispatchEvent(new Event('pointerover', { bubbles: true }));
        await vi.waitFor(() => expect(loaded).toEqual(['ToRenewList', 'ClientList']));
    });

    it('fetches the page the address opens at once, its filters aside, and only that one', async () => {
        const prefetchDailyPages = await loadPrefetch();
        window.location.hash = '#/to-renew?filter=%7B%22q%22%3A%22a%22%7D';
        prefetchDailyPages();
        await vi.waitFor(() => expect(loaded).toEqual(['ToRenewList']));
        await new Promise(resolve => setTimeout(resolve, 20));
        expect(loaded).toEqual(['ToRenewList']);
    });

    it('does not take a client page for the client list', async () => {
        const prefetchDailyPages = await loadPrefetch();
        window.location.hash = '#/clients/12/show';
        prefetchDailyPages();
        await new Promise(resolve => setTimeout(resolve, 20));
        expect(loaded).toEqual([]);
    });
});
