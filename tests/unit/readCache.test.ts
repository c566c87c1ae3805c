import { describe, expect, it } from 'vitest';
import { createReadCache } from '../../server/src/http/readCache.ts';

describe('the read cache', () => {
  it('answers from memory until invalidated', async () => {
    const cache = createReadCache();
    let computed = 0;
    const total = () => cache.get('count', async () => ++computed);
    expect(await total()).toBe(1);
    expect(await total()).toBe(1);
    cache.invalidate();
    expect(await total()).toBe(2);
  });

  it('does not keep a value computed while a write invalidated the cache', async () => {
    const cache = createReadCache();
    let release!: () => void;
    const slow = cache.get('count', () => new Promise<number>((resolve) => (release = () => resolve(41))));
    cache.invalidate(); // a write starts while the count runs
    release();
    expect(await slow).toBe(41);
    expect(await cache.get('count', async () => 42)).toBe(42);
  });

  it('keeps a value only for the time it allows', async () => {
    let now = 1_000;
    const cache = createReadCache(() => now);
    let computed = 0;
    const session = () => cache.get('session', async () => ++computed, { ttlMs: (value) => (value === 1 ? 30_000 : 0) });
    expect(await session()).toBe(1);
    now += 29_999;
    expect(await session()).toBe(1);
    now += 1;
    expect(await session()).toBe(2);
    expect(await session()).toBe(3); // a TTL of 0 keeps nothing
  });

  it('forgets the least recently used entries when their sizes pass the budget', async () => {
    const cache = createReadCache(Date.now, 1000);
    const page = (key: string, value: string, bytes = 400) => cache.get(key, async () => value, { bytes: () => bytes });
    await page('a', 'a1');
    await page('b', 'b1');
    await page('a', 'a2'); // a is used again: b is now the oldest
    await page('c', 'c1'); // 1200 bytes > 1000: b goes
    expect(await page('a', 'a3')).toBe('a1');
    expect(await page('c', 'c2')).toBe('c1');
    expect(await page('b', 'b2')).toBe('b2');
  });

  it('does not keep a value larger than the whole budget', async () => {
    const cache = createReadCache(Date.now, 1000);
    await cache.get('huge', async () => 'h1', { bytes: () => 5000 });
    expect(await cache.get('huge', async () => 'h2', { bytes: () => 5000 })).toBe('h2');
  });
});
