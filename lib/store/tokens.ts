import type { Role } from '@/lib/config-access';

import { getDb, nowIso } from './db';
import { storeCodeOf } from './store-error';
import type { SignInMethod } from './sessions';

/** An API token as its owner sees it (never the secret, which only its creator saw once). */
export interface TokenInfo {
  id: string;
  name: string;
  /** The owner's principal id ('local:alice', 'oidc:<issuer>#<sub>', 'proxy:bob'). */
  ownerId: string;
  userName: string;
  /** The most this token may do; the owner's own role caps it further. */
  role: Role;
  createdAt: string;
  expiresAt: string | null;
  lastUsedAt: string | null;
  revokedAt: string | null;
}

/** A token found by its secret, with the owner's sign-in method. */
export interface TokenOwner extends TokenInfo {
  via: SignInMethod;
}

interface TokenRow {
  id: string;
  name: string;
  owner_id: string;
  user_name: string;
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
    ownerId: row.owner_id,
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
  ownerId: string;
  userName: string;
  via: SignInMethod;
  role: Role;
  expiresAt: string;
}): TokenInfo {
  getDb()
    .prepare(
      `INSERT INTO tokens (id, secret_hash, name, owner_id, user_name, via, role, created_at, expires_at)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    )
    .run(
      input.id,
      input.secretHash,
      input.name,
      input.ownerId,
      input.userName,
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
  if (
    !row ||
    row.owner_id === '' ||
    row.revoked_at !== null ||
    (row.expires_at !== null && row.expires_at <= now)
  )
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
    via: row.via as SignInMethod,
  };
}

/** Returns the tokens of one principal (their owner id), newest first, revoked ones included. */
export function listTokens(ownerId: string): TokenInfo[] {
  const rows = getDb()
    .prepare('SELECT * FROM tokens WHERE owner_id = ? ORDER BY created_at DESC, id')
    .all(ownerId) as TokenRow[];
  return rows.map(toInfo);
}

/** Revokes one of the owner's tokens; returns false when they have no such live token. */
export function revokeToken(ownerId: string, id: string): boolean {
  return (
    getDb()
      .prepare(
        'UPDATE tokens SET revoked_at = ? WHERE id = ? AND owner_id = ? AND revoked_at IS NULL',
      )
      .run(nowIso(), id, ownerId).changes > 0
  );
}

/** Revokes every live token of one principal; returns how many; throws on SQLite errors. */
export function revokeTokensOf(ownerId: string): number {
  return getDb()
    .prepare('UPDATE tokens SET revoked_at = ? WHERE owner_id = ? AND revoked_at IS NULL')
    .run(nowIso(), ownerId).changes;
}

/** Returns owner id -> how many of their tokens are neither revoked nor expired. */
export function liveTokenCounts(): Map<string, number> {
  const rows = getDb()
    .prepare(
      `SELECT owner_id AS id, count(*) AS n FROM tokens
       WHERE revoked_at IS NULL AND (expires_at IS NULL OR expires_at > ?) AND owner_id != ''
       GROUP BY owner_id`,
    )
    .all(nowIso()) as { id: string; n: number }[];
  return new Map(rows.map((r) => [r.id, r.n]));
}
