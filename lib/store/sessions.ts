import { getDb, nowIso, parseJsonColumn } from './db';

/** How a user signed in. */
export type SignInMethod = 'password' | 'oidc' | 'proxy';

/** A signed-in browser: who, their groups at sign-in, and until when. */
export interface StoredSession {
  userName: string;
  groups: string[];
  via: SignInMethod;
  createdAt: string;
  expiresAt: string;
}

interface SessionRow {
  user_name: string;
  groups: string;
  via: string;
  created_at: string;
  expires_at: string;
}

/** Stores a session under the hash of its cookie value; throws on SQLite errors. */
export function insertSession(idHash: string, s: Omit<StoredSession, 'createdAt'>): void {
  getDb()
    .prepare(
      'INSERT INTO sessions (id_hash, user_name, groups, via, created_at, expires_at) VALUES (?, ?, ?, ?, ?, ?)',
    )
    .run(idHash, s.userName, JSON.stringify(s.groups), s.via, nowIso(), s.expiresAt);
}

/** Returns the session with this hash when it has not expired (expired ones are removed), else undefined. */
export function findSession(idHash: string): StoredSession | undefined {
  const db = getDb();
  const row = db.prepare('SELECT * FROM sessions WHERE id_hash = ?').get(idHash) as
    SessionRow | undefined;
  if (!row) return undefined;
  if (row.expires_at <= nowIso()) {
    db.prepare('DELETE FROM sessions WHERE id_hash = ?').run(idHash);
    return undefined;
  }
  return {
    userName: row.user_name,
    groups: parseJsonColumn<string[]>(row.groups, []),
    via: row.via as SignInMethod,
    createdAt: row.created_at,
    expiresAt: row.expires_at,
  };
}

/** Removes a session (sign-out); never throws for an unknown one. */
export function deleteSession(idHash: string): void {
  getDb().prepare('DELETE FROM sessions WHERE id_hash = ?').run(idHash);
}

/** Removes every expired session; returns how many. */
export function purgeExpiredSessions(): number {
  return getDb().prepare('DELETE FROM sessions WHERE expires_at <= ?').run(nowIso()).changes;
}
