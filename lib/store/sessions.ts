import { getDb, nowIso, parseJsonColumn } from './db';

/** How a user signed in. */
export type SignInMethod = 'password' | 'oidc' | 'proxy';

/** A signed-in browser: whose (their principal id), their groups at sign-in, and until when. */
export interface StoredSession {
  /** 'local:<name>', 'oidc:<issuer>#<sub>' or 'proxy:<name>'. */
  principalId: string;
  userName: string;
  groups: string[];
  via: SignInMethod;
  createdAt: string;
  expiresAt: string;
}

interface SessionRow {
  principal_id: string;
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
      'INSERT INTO sessions (id_hash, principal_id, user_name, groups, via, created_at, expires_at) VALUES (?, ?, ?, ?, ?, ?, ?)',
    )
    .run(idHash, s.principalId, s.userName, JSON.stringify(s.groups), s.via, nowIso(), s.expiresAt);
}

/** Returns the session with this hash when it has not expired (expired ones are removed), else undefined. */
export function findSession(idHash: string): StoredSession | undefined {
  const db = getDb();
  const row = db.prepare('SELECT * FROM sessions WHERE id_hash = ?').get(idHash) as
    SessionRow | undefined;
  if (!row || row.principal_id === '') return undefined;
  if (row.expires_at <= nowIso()) {
    db.prepare('DELETE FROM sessions WHERE id_hash = ?').run(idHash);
    return undefined;
  }
  return {
    principalId: row.principal_id,
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

/** Removes every session of one principal; returns how many; throws on SQLite errors. */
export function deleteSessionsOf(principalId: string): number {
  return getDb().prepare('DELETE FROM sessions WHERE principal_id = ?').run(principalId).changes;
}

/** Removes every expired session; returns how many. */
export function purgeExpiredSessions(): number {
  return getDb().prepare('DELETE FROM sessions WHERE expires_at <= ?').run(nowIso()).changes;
}

/** A user as their latest sign-in described them (OIDC and proxy users: the IdP owns their groups). */
export interface StoredIdentity {
  principalId: string;
  name: string;
  via: SignInMethod;
  groups: string[];
  seenAt: string;
}

/** Records the name and groups of a user's latest sign-in (written only when they changed); throws on SQLite errors. */
export function recordIdentity(i: Omit<StoredIdentity, 'seenAt'>): void {
  const groups = JSON.stringify(i.groups);
  const db = getDb();
  const row = db
    .prepare('SELECT name, via, groups FROM identities WHERE principal_id = ?')
    .get(i.principalId) as { name: string; via: string; groups: string } | undefined;
  if (row && row.name === i.name && row.via === i.via && row.groups === groups) return;
  db.prepare(
    `INSERT INTO identities (principal_id, name, via, groups, seen_at) VALUES (?, ?, ?, ?, ?)
     ON CONFLICT (principal_id) DO UPDATE SET name = excluded.name, via = excluded.via,
       groups = excluded.groups, seen_at = excluded.seen_at`,
  ).run(i.principalId, i.name, i.via, groups, nowIso());
}

/** Returns what the user's latest sign-in recorded, or undefined when they never signed in. */
export function findIdentity(principalId: string): StoredIdentity | undefined {
  const row = getDb()
    .prepare('SELECT * FROM identities WHERE principal_id = ?')
    .get(principalId) as
    | { principal_id: string; name: string; via: string; groups: string; seen_at: string }
    | undefined;
  if (!row) return undefined;
  return {
    principalId: row.principal_id,
    name: row.name,
    via: row.via as SignInMethod,
    groups: parseJsonColumn<string[]>(row.groups, []),
    seenAt: row.seen_at,
  };
}

/** Returns every user recorded by a sign-in (OIDC and proxy users; local ones too), by name. */
export function listIdentities(): StoredIdentity[] {
  const rows = getDb().prepare('SELECT * FROM identities ORDER BY name, principal_id').all() as {
    principal_id: string;
    name: string;
    via: string;
    groups: string;
    seen_at: string;
  }[];
  return rows.map((row) => ({
    principalId: row.principal_id,
    name: row.name,
    via: row.via as SignInMethod,
    groups: parseJsonColumn<string[]>(row.groups, []),
    seenAt: row.seen_at,
  }));
}

/** Returns principal id -> how many sessions of theirs have not expired. */
export function liveSessionCounts(): Map<string, number> {
  const rows = getDb()
    .prepare(
      'SELECT principal_id AS id, count(*) AS n FROM sessions WHERE expires_at > ? GROUP BY principal_id',
    )
    .all(nowIso()) as { id: string; n: number }[];
  return new Map(rows.map((r) => [r.id, r.n]));
}
