import { randomUUID } from 'node:crypto';

import type { AppConfig } from '@/lib/config';
import { AppError } from '@/lib/errors';
import { findLiveToken, insertToken, listTokens, revokeToken, type TokenInfo } from '@/lib/store';

import type { Principal } from './principal';
import type { Role } from './roles';
import { hashSecret, randomSecret } from './secrets';
import { unauthenticated } from './sessions';

const TOKEN_PREFIX = 'mfd_';

/** Returns the principal of a `Bearer` token; throws UNAUTHENTICATED when it is unknown, revoked or expired. */
export function tokenPrincipal(secret: string, cfg: AppConfig): Principal {
  if (typeof cfg.auth !== 'object' || !cfg.auth.tokens)
    throw unauthenticated('API tokens are not enabled on this Manifold.');
  const t = secret.startsWith(TOKEN_PREFIX) ? findLiveToken(hashSecret(secret)) : undefined;
  if (!t) throw unauthenticated('The API token is unknown, revoked or expired.');
  return {
    id: `token:${t.id}`,
    name: `${t.userName} (token ${t.name})`,
    via: 'token',
    user: t.userName,
    groups: t.groups,
    maxRole: t.role,
  };
}

/** A new token: its secret is shown once and never stored. */
export interface CreatedToken {
  token: TokenInfo;
  secret: string;
}

/**
 * Returns a new API token of the signed-in user, worth at most `role` (and never more than the
 * user's own role). Throws FORBIDDEN for a principal that is not a signed-in user.
 */
export function createToken(
  owner: Principal,
  input: { name: string; role: Role; expiresInDays: number | null },
): CreatedToken {
  if (!owner.user || owner.via === 'token')
    throw new AppError('FORBIDDEN', 'Only a signed-in user can create API tokens (not a token).');
  const secret = `${TOKEN_PREFIX}${randomSecret()}`;
  const token = insertToken({
    id: randomUUID(),
    secretHash: hashSecret(secret),
    name: input.name,
    userName: owner.user,
    groups: owner.groups ?? [],
    via:
      owner.via === 'password' || owner.via === 'oidc' || owner.via === 'proxy'
        ? owner.via
        : 'password',
    role: input.role,
    expiresAt:
      input.expiresInDays === null
        ? null
        : new Date(Date.now() + input.expiresInDays * 86_400_000).toISOString(),
  });
  return { token, secret };
}

/** Returns the signed-in user's tokens (none for 'local'/'none' principals). */
export function tokensOf(owner: Principal): TokenInfo[] {
  return owner.user && owner.via !== 'token' ? listTokens(owner.user) : [];
}

/** Revokes one of the user's own tokens; throws NOT_FOUND when they have no such live token. */
export function revokeOwnToken(owner: Principal, id: string): void {
  if (!owner.user || owner.via === 'token' || !revokeToken(owner.user, id))
    throw new AppError('NOT_FOUND', 'You have no live API token with that id.');
}
