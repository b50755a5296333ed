import pLimit from 'p-limit';

/**
 * Bounds on `docker-credential-*` runs: answers are kept per helper and server for a while, at
 * most `concurrency` helpers run at once, and at most `perMinute` start in any minute (beyond
 * that a lookup goes without the helper rather than forking without end).
 */

export interface HelperRunLimits {
  ttlMs?: number;
  concurrency?: number;
  perMinute?: number;
  now?: () => number;
}

export interface HelperRuns {
  /** Returns the cached answer for `key`, or runs `fn` within the limits (undefined when over the rate). */
  run<T>(key: string, fn: () => Promise<T | undefined>): Promise<T | undefined>;
  /** Forgets cached answers. */
  clear(): void;
}

/** Returns a limiter for credential helper runs (defaults: 60 s cache, 2 at once, 30 a minute). */
export function createHelperRuns(limits: HelperRunLimits = {}): HelperRuns {
  const ttlMs = limits.ttlMs ?? 60_000;
  const perMinute = limits.perMinute ?? 30;
  const now = limits.now ?? Date.now;
  const limit = pLimit(limits.concurrency ?? 2);
  const cache = new Map<string, { at: number; value: Promise<unknown> }>();
  const starts: number[] = [];
  return {
    run<T>(key: string, fn: () => Promise<T | undefined>): Promise<T | undefined> {
      const hit = cache.get(key);
      if (hit && now() - hit.at < ttlMs) return hit.value as Promise<T | undefined>;
      while (starts.length && now() - starts[0]! >= 60_000) starts.shift();
      if (starts.length >= perMinute) return Promise.resolve(undefined);
      starts.push(now());
      const value = limit(fn);
      cache.set(key, { at: now(), value });
      // Keep the cache small: expired entries go when a new one comes.
      for (const [k, v] of cache) if (now() - v.at >= ttlMs) cache.delete(k);
      return value;
    },
    clear() {
      cache.clear();
    },
  };
}
