import { AppError } from '@/lib/errors';

/**
 * Fixed-window attempt counters kept in memory (sign-in attempts). A restart forgets them, which
 * costs an attacker a restart per window: acceptable for a tool with a handful of users.
 */
interface Window {
  start: number;
  count: number;
}

const windows = new Map<string, Window>();

/**
 * Counts one attempt for each key; throws AppError RATE_LIMITED when any key has already had
 * `limit` attempts in the last `windowMs`.
 */
export function countAttempt(
  keys: string[],
  limit: number,
  windowMs: number,
  now = Date.now(),
): void {
  if (windows.size > 10_000) {
    for (const [k, w] of windows) if (now - w.start >= windowMs) windows.delete(k);
  }
  for (const key of keys) {
    const w = windows.get(key);
    if (w && now - w.start < windowMs && w.count >= limit) {
      const wait = Math.ceil((w.start + windowMs - now) / 1000);
      throw new AppError('RATE_LIMITED', `Too many sign-in attempts. Try again in ${wait} s.`, {
        retryable: true,
      });
    }
  }
  for (const key of keys) {
    const w = windows.get(key);
    if (!w || now - w.start >= windowMs) windows.set(key, { start: now, count: 1 });
    else w.count++;
  }
}

/** Forgets every counter (tests). */
export function resetAttempts(): void {
  windows.clear();
}
