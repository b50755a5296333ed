import type { Role } from '@/lib/config-access';

import { getDb, nowIso, parseJsonColumn } from './db';
import { storeCodeOf } from './store-error';
import type { SignInMethod } from './sessions';

/** An API token as its owner sees it (never the secret, which only its creator saw once). */
export interface TokenInfo {
  id: string;
  name: string;
  userName: string;
  /** The most this token may do; the owner's own role caps it further. */
  role: Role;
  createdAt: string;
  expiresAt: string | null;
  lastUsedAt: string | null;
  revokedAt: string | null;
}

/** A token found by its secret: the owner's groups and sign-in method come along. */
export interface TokenOwner extends TokenInfo {
  groups: string[];
  via: SignInMethod;
}

interface TokenRow {
  id: string;
  name: string;
  user_name: string;
  groups: string;
  via: string;
  role: string;
  created_at: string;
  expires_at: string | null;
  last_used_at: string | null;
  revoked_at: string | null;
}

function toInfo(row: TokenRow): TokenInfo {
  return {
    id: row.id,
    name: row.name,
    userName: row.user_name,
    role: row.role as Role,
    createdAt: row.created_at,
    expiresAt: row.expires_at,
    lastUsedAt: row.last_used_at,
    revokedAt: row.revoked_at,
  };
}

/** Stores a new token under the hash of its secret; returns it; throws on SQLite errors. */
export function insertToken(input: {
  id: string;
  secretHash: string;
  name: string;
  userName: string;
  groups: string[];
  via: SignInMethod;
  role: Role;
  expiresAt: string | null;
}): TokenInfo {
  getDb()
    .prepare(
      `INSERT INTO tokens (id, secret_hash, name, user_name, groups, via, role, created_at, expires_at)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    )
    .run(
      input.id,
      input.secretHash,
      input.name,
      input.userName,
      JSON.stringify(input.groups),
      input.via,
      input.role,
      nowIso(),
      input.expiresAt,
    );
  return toInfo(getDb().prepare('SELECT * FROM tokens WHERE id = ?').get(input.id) as TokenRow);
}

/** Returns the live token with this secret hash (not revoked, not expired) and marks it used, else undefined. */
export function findLiveToken(secretHash: string): TokenOwner | undefined {
  const db = getDb();
  const row = db.prepare('SELECT * FROM tokens WHERE secret_hash = ?').get(secretHash) as
    TokenRow | undefined;
  const now = nowIso();
  if (!row || row.revoked_at !== null || (row.expires_at !== null && row.expires_at <= now))
    return undefined;
  try {
    db.prepare('UPDATE tokens SET last_used_at = ? WHERE id = ?').run(now, row.id);
  } catch (err) {
    // A lock held elsewhere must not turn every API call away for a "last used" time; any other
    // store failure is as real for this write as for the next.
    if (storeCodeOf(err) !== 'STORE_BUSY') throw err;
  }
  return {
    ...toInfo({ ...row, last_used_at: now }),
    groups: parseJsonColumn<string[]>(row.groups, []),
    via: row.via as SignInMethod,
  };
}

/** Returns a user's tokens, newest first, revoked ones included. */
export function listTokens(userName: string): TokenInfo[] {
  const rows = getDb()
    .prepare('SELECT * FROM tokens WHERE user_name = ? ORDER BY created_at DESC, id')
    .all(userName) as TokenRow[];
  return rows.map(toInfo);
}

/** Revokes one of the user's tokens; returns false when they have no such live token. */
export function revokeToken(userName: string, id: string): boolean {
  return (
    getDb()
      .prepare(
        'UPDATE tokens SET revoked_at = ? WHERE id = ? AND user_name = ? AND revoked_at IS NULL',
      )
      .run(nowIso(), id, userName).changes > 0
  );
}

/** Records the owner's current groups on all their tokens (at each sign-in), so a token follows its owner's role. */
export function refreshTokenGroups(userName: string, groups: string[]): void {
  getDb()
    .prepare('UPDATE tokens SET groups = ? WHERE user_name = ?')
    .run(JSON.stringify(groups), userName);
}
