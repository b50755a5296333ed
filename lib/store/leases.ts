import { getDb } from './db';

/**
 * Returns true when `owner` holds the lease `name` for the next `ttlMs` (taken, renewed, or taken
 * over from a holder whose lease ran out); false while another owner holds it. Throws on SQLite errors.
 */
export function tryLease(name: string, owner: string, ttlMs: number): boolean {
  const now = Date.now();
  const info = getDb()
    .prepare(
      `INSERT INTO leases (name, owner, expires_at) VALUES (?, ?, ?)
       ON CONFLICT (name) DO UPDATE SET owner = excluded.owner, expires_at = excluded.expires_at
       WHERE leases.owner = excluded.owner OR leases.expires_at <= ?`,
    )
    .run(name, owner, now + ttlMs, now);
  return info.changes > 0;
}

/** Gives the lease up when `owner` holds it, so another process need not wait for it to run out. */
export function releaseLease(name: string, owner: string): void {
  getDb().prepare('DELETE FROM leases WHERE name = ? AND owner = ?').run(name, owner);
}
