import { afterEach, describe, expect, it, vi } from 'vitest';

const loaded: string[] = [];
vi.mock('../../client/src/clients/ClientList', () => {
    loaded.push('ClientList');
    return { default: () => null };
});
vi.mock('../../client/src/subscriptions/ToRenewList', () => {
    loaded.push('ToRenewList');
    return { default: () => null };
});
const { prefetchDailyPages } = await import('../../client/src/misc/prefetch');

afterEach(() => {
    vi.useRealTimers();
    document.body.innerHTML = '';
});

describe('prefetching the daily pages', () => {
    it('waits for the pointer over a link, then fetches the client list and the to-renew list', async () => {
        document.body.innerHTML = '<p>texte</p><a href="#/clients">Clients</a>';
        prefetchDailyPages();
        document.querySelector('p')!.dispatchEvent(new Event('pointerover', { bubbles: true }));
        await new Promise(resolve => setTimeout(resolve, 20));
        expect(loaded).toEqual([]);
        document.querySelector('a')!.dispatchEvent(new Event('pointerover', { bubbles: true }));
        await vi.waitFor(() => expect(loaded).toEqual(['ClientList', 'ToRenewList']));
    });
});
