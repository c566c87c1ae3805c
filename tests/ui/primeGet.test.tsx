import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { dataProvider, primeGet } from '../../client/src/providers/dataProvider';

const json = (status: number, body: unknown) =>
    new Response(JSON.stringify(body), { status, headers: { 'Content-Type': 'application/json' } });

const figures = { to_renew: 4 };

describe('a GET asked ahead (main.tsx primes the dashboard before the console has rendered)', () => {
    let fetchMock: ReturnType<typeof vi.fn>;
    beforeEach(() => {
        fetchMock = vi.fn();
        vi.stubGlobal('fetch', fetchMock);
    });
    afterEach(() => {
        vi.unstubAllGlobals();
        vi.useRealTimers();
    });

    it('answers the first query of its path without a second request, and only the first', async () => {
        fetchMock.mockResolvedValueOnce(json(200, figures)).mockResolvedValueOnce(json(200, { to_renew: 5 }));
        primeGet('/dashboard');
        await expect(dataProvider.dashboard()).resolves.toEqual(figures);
        expect(fetchMock).toHaveBeenCalledTimes(1);
        expect(fetchMock.mock.calls[0][0]).toBe('/api/dashboard');
        // a refresh asks the server again
        await expect(dataProvider.dashboard()).resolves.toEqual({ to_renew: 5 });
        expect(fetchMock).toHaveBeenCalledTimes(2);
    });

    it('does not keep a refusal: the 401 before a login does not answer the first query after it', async () => {
        fetchMock.mockResolvedValueOnce(json(401, { code: 'unauthenticated', message: 'Authentication required' })).mockResolvedValueOnce(json(200, figures));
        primeGet('/dashboard');
        await vi.waitFor(() => expect(fetchMock).toHaveBeenCalledTimes(1));
        await new Promise(resolve => setTimeout(resolve, 0));
        await expect(dataProvider.dashboard()).resolves.toEqual(figures);
        expect(fetchMock).toHaveBeenCalledTimes(2);
    });

    it('is forgotten after 10 s unasked: a later query gets fresh figures', async () => {
        vi.useFakeTimers();
        fetchMock.mockResolvedValueOnce(json(200, figures)).mockResolvedValueOnce(json(200, { to_renew: 6 }));
        primeGet('/dashboard');
        await vi.advanceTimersByTimeAsync(10_001);
        await expect(dataProvider.dashboard()).resolves.toEqual({ to_renew: 6 });
        expect(fetchMock).toHaveBeenCalledTimes(2);
    });
});
