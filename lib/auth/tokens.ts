import { randomUUID } from 'node:crypto';

import type { AppConfig } from '@/lib/config';
import { AppError } from '@/lib/errors';
import { findLiveToken, insertToken, listTokens, revokeToken, type TokenInfo } from '@/lib/store';

import { currentIdentity } from './identity';
import type { Principal } from './principal';
import type { Role } from './roles';
import { hashSecret, randomSecret } from './secrets';
import { unauthenticated } from './sessions';

const TOKEN_PREFIX = 'mfd_';
const DAY_MS = 86_400_000;

function maxLifetimeMs(cfg: AppConfig): number {
  return typeof cfg.auth === 'object' ? cfg.auth.tokenMaxLifetimeSeconds * 1000 : 90 * DAY_MS;
}

/**
 * Returns the principal of a `Bearer` token, its owner's groups as they are now; throws
 * UNAUTHENTICATED when it is unknown, revoked, expired, older than `auth.tokenMaxLifetime`, or its
 * owner can no longer sign in (see currentIdentity).
 */
export function tokenPrincipal(secret: string, cfg: AppConfig): Principal {
  if (typeof cfg.auth !== 'object' || !cfg.auth.tokens)
    throw unauthenticated('API tokens are not enabled on this Manifold.');
  const t = secret.startsWith(TOKEN_PREFIX) ? findLiveToken(hashSecret(secret)) : undefined;
  // A token made before the limit existed (or under a longer one) ends when the limit says.
  const outlived = t && Date.parse(t.createdAt) + maxLifetimeMs(cfg) <= Date.now();
  if (!t || outlived) throw unauthenticated('The API token is unknown, revoked or expired.');
  const owner = currentIdentity(t.ownerId, cfg);
  if (!owner) throw unauthenticated('The API token’s owner can no longer sign in to Manifold.');
  return {
    id: `token:${t.id}`,
    name: `${owner.name} (token ${t.name})`,
    via: 'token',
    user: t.ownerId,
    groups: owner.groups,
    maxRole: t.role,
  };
}

/** A new token: its secret is shown once and never stored. */
export interface CreatedToken {
  token: TokenInfo;
  secret: string;
}

/** Returns the longest lifetime in whole days a new token may ask for (`auth.tokenMaxLifetime`). */
export function maxTokenDays(cfg: AppConfig): number {
  return Math.floor(maxLifetimeMs(cfg) / DAY_MS);
}

/**
 * Returns a new API token of the signed-in user, worth at most `role` (and never more than the
 * user's own role), expiring in `expiresInDays` (default the lesser of 90 and the maximum).
 * Throws FORBIDDEN for a principal that is not a signed-in user, VALIDATION past the maximum.
 */
export function createToken(
  owner: Principal,
  input: { name: string; role: Role; expiresInDays?: number | undefined },
  cfg: AppConfig,
): CreatedToken {
  if (!owner.user || owner.via === 'token')
    throw new AppError('FORBIDDEN', 'Only a signed-in user can create API tokens (not a token).');
  const max = maxTokenDays(cfg);
  const days = input.expiresInDays ?? Math.min(90, max);
  if (days > max) {
    const why = `A token may live at most ${max} days on this Manifold.`;
    throw new AppError('VALIDATION', why, {
      fieldErrors: { expiresInDays: [why] },
      hint: 'Choose a shorter expiry; the limit is `auth.tokenMaxLifetime` in the config file.',
    });
  }
  const secret = `${TOKEN_PREFIX}${randomSecret()}`;
  const token = insertToken({
    id: randomUUID(),
    secretHash: hashSecret(secret),
    name: input.name,
    ownerId: owner.user,
    userName: owner.name,
    via: owner.via === 'oidc' || owner.via === 'proxy' ? owner.via : 'password',
    role: input.role,
    expiresAt: new Date(Date.now() + days * DAY_MS).toISOString(),
  });
  return { token, secret };
}

/** Returns the signed-in user's tokens (none for 'local'/'none' principals or a token). */
export function tokensOf(owner: Principal): TokenInfo[] {
  return owner.user && owner.via !== 'token' ? listTokens(owner.user) : [];
}

/** Revokes one of the user's own tokens; throws NOT_FOUND when they have no such live token. */
export function revokeOwnToken(owner: Principal, id: string): void {
  if (!owner.user || owner.via === 'token' || !revokeToken(owner.user, id))
    throw new AppError('NOT_FOUND', 'You have no live API token with that id.');
}
