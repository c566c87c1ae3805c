import type { RequestHandler } from 'express';

/**
 * Answers that are costly and asked often (list totals, dashboard figures, sessions) kept in
 * memory until the data may have changed: every write request, the change of day and the daily
 * jobs empty the cache. A value computed while a write was running is not kept.
 */
export interface ReadCache {
  /** `ttlMs` may depend on the value computed (0: do not keep it). */
  get<T>(key: string, compute: () => Promise<T>, ttlMs?: number | ((value: T) => number)): Promise<T>;
  invalidate(): void;
}

export function createReadCache(now: () => number = Date.now, maxEntries = 5000): ReadCache {
  let version = 0;
  const entries = new Map<string, { value: unknown; expires: number }>();
  return {
    async get<T>(key: string, compute: () => Promise<T>, ttlMs: number | ((value: T) => number) = Number.POSITIVE_INFINITY): Promise<T> {
      const hit = entries.get(key);
      if (hit && hit.expires > now()) {
        // Least recently used goes first when the cache is full.
        entries.delete(key);
        entries.set(key, hit);
        return hit.value as T;
      }
      const started = version;
      const value = await compute();
      const ttl = typeof ttlMs === 'function' ? ttlMs(value) : ttlMs;
      if (version === started && ttl > 0) {
        if (entries.size >= maxEntries) entries.delete(entries.keys().next().value!);
        entries.set(key, { value, expires: now() + ttl });
      }
      return value;
    },
    invalidate() {
      version++;
      entries.clear();
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
