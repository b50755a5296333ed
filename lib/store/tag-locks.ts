import { randomUUID } from 'node:crypto';

import { AppError } from '@/lib/errors';
import type { TagLocker } from '@/lib/registry';

import { getDb } from './db';

/**
 * Leases on tags ('registry/repository:tag') and manifests ('registry/repository@digest') in the
 * tag_locks table: a write to a tag (check, PUT, verify) holds the tag's lease and the digest it
 * reads or writes, a delete holds the digest and every tag on it, so two jobs, or two Manifold
 * processes sharing the store, never interleave. A lease expires (a crashed holder does not block
 * forever) and is renewed while its holder works. Every holder takes its keys at once, in
 * lockOrder, and takes no more until it released them: no two holders can wait for each other.
 */

const LEASE_MS = 30_000;
// Every lease this process takes starts with this, so a restart can tell its own from a dead one's.
// On globalThis: Next bundles route handlers separately, and all copies are one process.
const globalForLocks = globalThis as unknown as { manifoldLeaseOwner?: string };
const PROCESS_OWNER = (globalForLocks.manifoldLeaseOwner ??= randomUUID());
const RENEW_MS = 10_000;
const POLL_MS = 25;
const DEFAULT_WAIT_MS = 120_000;

/** Returns true when `owner` now holds the lease on `key` (free, expired, or already its own). */
export function tryAcquireTagLock(key: string, owner: string, leaseMs = LEASE_MS): boolean {
  const now = Date.now();
  const r = getDb()
    .prepare(
      `INSERT INTO tag_locks (key, owner, expires_at) VALUES (?, ?, ?)
       ON CONFLICT (key) DO UPDATE SET owner = excluded.owner, expires_at = excluded.expires_at
       WHERE tag_locks.expires_at < ? OR tag_locks.owner = excluded.owner`,
    )
    .run(key, owner, now + leaseMs, now);
  return r.changes === 1;
}

/** Releases the lease on `key` when `owner` holds it; never throws for a lease it lost. */
export function releaseTagLock(key: string, owner: string): void {
  getDb().prepare('DELETE FROM tag_locks WHERE key = ? AND owner = ?').run(key, owner);
}

/**
 * Releases the leases of other processes (a server that was killed and restarted on the same
 * store); returns how many. Like interrupted jobs, this assumes one Manifold process per store.
 */
export function releaseOrphanedTagLocks(): number {
  return getDb().prepare('DELETE FROM tag_locks WHERE owner NOT LIKE ?').run(`${PROCESS_OWNER}:%`)
    .changes;
}

/** Returns who holds `key` now (undefined when nobody or an expired lease). */
export function tagLockHolder(key: string): string | undefined {
  const row = getDb()
    .prepare('SELECT owner FROM tag_locks WHERE key = ? AND expires_at >= ?')
    .get(key, Date.now()) as { owner: string } | undefined;
  return row?.owner;
}

/**
 * Returns the keys deduplicated in the one global order every holder takes them in: manifests
 * (keys with '@') before tags, each group sorted. Never throws.
 */
export function lockOrder(keys: readonly string[]): string[] {
  const rank = (k: string) => (k.includes('@') ? 0 : 1);
  return [...new Set(keys)].sort((a, b) => rank(a) - rank(b) || (a < b ? -1 : a > b ? 1 : 0));
}

export interface TagLockOptions {
  /** Give up waiting after this long (TIMEOUT naming the tag); default 2 minutes. */
  waitMs?: number;
  signal?: AbortSignal;
}

/**
 * Returns `fn()`'s value, run while holding the leases of every key in `keys` (taken in lockOrder,
 * so two holders never wait for each other). Throws TIMEOUT when a key stays held longer than
 * `waitMs`, ABORTED when the signal fires, and whatever `fn` throws.
 */
export async function withTagLocks<T>(
  keys: readonly string[],
  fn: () => Promise<T>,
  opts: TagLockOptions = {},
): Promise<T> {
  const owner = `${PROCESS_OWNER}:${randomUUID()}`;
  const sorted = lockOrder(keys);
  const held: string[] = [];
  const renew = setInterval(() => {
    for (const k of held) tryAcquireTagLock(k, owner);
  }, RENEW_MS);
  try {
    for (const key of sorted) {
      await acquire(key, owner, opts);
      held.push(key);
    }
    return await fn();
  } finally {
    clearInterval(renew);
    for (const k of held) releaseTagLock(k, owner);
  }
}

/** Returns the TagLocker jobs and actions hand to the registry writes: leases in this store. */
export function storeTagLocker(signal?: AbortSignal): TagLocker {
  return (references, fn) => withTagLocks(references, fn, signal ? { signal } : {});
}

async function acquire(key: string, owner: string, opts: TagLockOptions): Promise<void> {
  const deadline = Date.now() + (opts.waitMs ?? DEFAULT_WAIT_MS);
  while (!tryAcquireTagLock(key, owner)) {
    if (opts.signal?.aborted) throw new AppError('ABORTED', 'The job was cancelled');
    if (Date.now() > deadline) {
      throw new AppError(
        'TIMEOUT',
        `Another write to ${key} has been running for too long; nothing was changed. Try again.`,
        { retryable: true },
      );
    }
    await new Promise((r) => setTimeout(r, POLL_MS));
  }
}
