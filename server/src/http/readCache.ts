import type { RequestHandler } from 'express';

/**
 * Answers that are costly and asked often (list totals, dashboard figures, sessions) kept in
 * memory until the data may have changed: every write request, the change of day and the daily
 * jobs empty the cache. A value computed while a write was running is not kept.
 */
export interface CacheOptions<T> {
  /** How long to keep the value (it may depend on it); 0: do not keep it. Default: until invalidated. */
  ttlMs?: number | ((value: T) => number);
  /** The value's approximate size in bytes, counted against the cache's budget. Default: 100. */
  bytes?: (value: T) => number;
}

export interface ReadCache {
  get<T>(key: string, compute: () => Promise<T>, options?: CacheOptions<T>): Promise<T>;
  invalidate(): void;
}

/**
 * Least recently used entries go first when the cache holds more than `maxBytes` (so a flood of
 * distinct large pages cannot grow the server's memory without bound).
 */
export function createReadCache(now: () => number = Date.now, maxBytes = 32 * 1024 * 1024): ReadCache {
  let version = 0;
  let total = 0;
  const entries = new Map<string, { value: unknown; expires: number; bytes: number }>();
  const drop = (key: string) => {
    total -= entries.get(key)?.bytes ?? 0;
    entries.delete(key);
  };
  return {
    async get<T>(key: string, compute: () => Promise<T>, options: CacheOptions<T> = {}): Promise<T> {
      const hit = entries.get(key);
      if (hit && hit.expires > now()) {
        // Move it to the most recently used end.
        entries.delete(key);
        entries.set(key, hit);
        return hit.value as T;
      }
      const started = version;
      const value = await compute();
      const { ttlMs = Number.POSITIVE_INFINITY, bytes = () => 100 } = options;
      const ttl = typeof ttlMs === 'function' ? ttlMs(value) : ttlMs;
      const size = bytes(value);
      if (version === started && ttl > 0 && size <= maxBytes) {
        drop(key);
        while (total + size > maxBytes) drop(entries.keys().next().value!);
        entries.set(key, { value, expires: now() + ttl, bytes: size });
        total += size;
      }
      return value;
    },
    invalidate() {
      version++;
      entries.clear();
      total = 0;
    },
  };
}

/** Empties the cache when a write starts and again when it has answered (committed or not). */
export function invalidateOnWrite(cache: ReadCache): RequestHandler {
  return (req, res, next) => {
    if (req.method === 'GET' || req.method === 'HEAD' || req.method === 'OPTIONS') return next();
    cache.invalidate();
    res.on('finish', () => cache.invalidate());
    res.on('close', () => cache.invalidate());
    next();
  };
}
