import { getDb } from './db';
import { MIGRATIONS } from './migrations';

/** What readiness says about the store: reachable by a cheap query, with every migration applied. */
export interface StoreHealth {
  store: 'ok' | 'unreachable';
  migrations: 'ok' | 'pending' | 'unknown';
  /** Why the store is not reachable (a driver message; it names no secret). */
  reason?: string;
}

/** Returns the store's health: one `SELECT 1` and the schema version. Never throws. */
export function storeHealth(): StoreHealth {
  try {
    const db = getDb();
    db.prepare('SELECT 1').get();
    const version = db.pragma('user_version', { simple: true }) as number;
    return { store: 'ok', migrations: version === MIGRATIONS.length ? 'ok' : 'pending' };
  } catch (err) {
    return { store: 'unreachable', migrations: 'unknown', reason: (err as Error).message };
  }
}
