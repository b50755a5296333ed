import { getDb } from './db';

/**
 * Fixed-window attempt counters for password sign-in, kept in the store so a restart does not
 * forget them and every process on one store counts together. Which buckets exist and how many
 * attempts each allows is lib/auth's policy; this module only counts.
 */

/** One counter: at most `limit` attempts per `windowMs`. */
export interface Bucket {
  key: string;
  limit: number;
  windowMs: number;
}

/** Whether an attempt may go ahead; when not, the bucket that is full and when it empties. */
export type BucketVerdict = { ok: true } | { ok: false; key: string; retryAfterMs: number };

interface Row {
  window_start: number;
  count: number;
}

// Rows of windows that started this long ago are dropped as attempts come in (longer than any
// window lib/auth uses), so an attack from many addresses does not grow the table for ever.
const KEEP_MS = 3600_000;

/**
 * Counts one attempt in every bucket unless one of them is already full, in one write transaction
 * (two processes cannot both take the last attempt). Returns the verdict; throws on SQLite errors.
 */
export function hitBuckets(buckets: Bucket[], now = Date.now()): BucketVerdict {
  const db = getDb();
  const read = db.prepare('SELECT window_start, count FROM sign_in_throttle WHERE key = ?');
  const write = db.prepare(
    `INSERT INTO sign_in_throttle (key, window_start, count) VALUES (?, ?, ?)
     ON CONFLICT (key) DO UPDATE SET window_start = excluded.window_start, count = excluded.count`,
  );
  const run = db.transaction((): BucketVerdict => {
    db.prepare('DELETE FROM sign_in_throttle WHERE window_start < ?').run(now - KEEP_MS);
    const current = buckets.map((b) => {
      const row = read.get(b.key) as Row | undefined;
      const live = row !== undefined && now - row.window_start < b.windowMs;
      return { b, start: live ? row.window_start : now, count: live ? row.count : 0 };
    });
    const full = current.find((c) => c.count >= c.b.limit);
    if (full)
      return { ok: false, key: full.b.key, retryAfterMs: full.start + full.b.windowMs - now };
    for (const c of current) write.run(c.b.key, c.start, c.count + 1);
    return { ok: true };
  });
  return run.immediate();
}

/** Returns how many attempts `key` has had in its current window (0 when it ended). */
export function bucketCount(key: string, windowMs: number, now = Date.now()): number {
  const row = getDb()
    .prepare('SELECT window_start, count FROM sign_in_throttle WHERE key = ?')
    .get(key) as Row | undefined;
  return row && now - row.window_start < windowMs ? row.count : 0;
}

/** After a success: forgets the `forget` buckets and takes one attempt back from `refund`. */
export function settleBuckets(forget: string[], refund: string[]): void {
  const db = getDb();
  db.transaction(() => {
    for (const key of forget) db.prepare('DELETE FROM sign_in_throttle WHERE key = ?').run(key);
    for (const key of refund)
      db.prepare('UPDATE sign_in_throttle SET count = max(count - 1, 0) WHERE key = ?').run(key);
  })();
}
