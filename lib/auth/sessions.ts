import type { AppConfig } from '@/lib/config';
import { AppError } from '@/lib/errors';
import {
  deleteSession,
  findSession,
  insertSession,
  recordIdentity,
  type SignInMethod,
} from '@/lib/store';

import { cookieHeader, readCookie, SESSION_COOKIE } from './cookies';
import { currentIdentity } from './identity';
import type { Principal } from './principal';
import { servedOverHttps } from './request-checks';
import { hashSecret, randomSecret } from './secrets';

/** Who signed in, as a sign-in method reports them. */
export interface SignedInUser {
  /** The principal id: 'local:<name>' or 'oidc:<issuer>#<sub>' (see identity.ts). */
  id: string;
  name: string;
  groups: string[];
  via: SignInMethod;
}

function ttlOf(cfg: AppConfig): number {
  return typeof cfg.auth === 'object' ? cfg.auth.sessionTtlSeconds : 12 * 3600;
}

/** Returns the Set-Cookie header of a new store-backed session for `user`; throws on store errors. */
export function startSession(req: Request, cfg: AppConfig, user: SignedInUser): string {
  const secret = randomSecret();
  const ttl = ttlOf(cfg);
  // Sessions and tokens of an OIDC user follow the groups of their latest sign-in.
  recordIdentity({ principalId: user.id, name: user.name, via: user.via, groups: user.groups });
  insertSession(hashSecret(secret), {
    principalId: user.id,
    userName: user.name,
    groups: user.groups,
    via: user.via,
    expiresAt: new Date(Date.now() + ttl * 1000).toISOString(),
  });
  return cookieHeader(SESSION_COOKIE, secret, { maxAge: ttl, secure: servedOverHttps(req, cfg) });
}

/** Returns the Set-Cookie header that ends the request's session (removed from the store too). */
export function endSession(req: Request, cfg: AppConfig): string {
  const secret = readCookie(req, SESSION_COOKIE);
  if (secret) deleteSession(hashSecret(secret));
  return cookieHeader(SESSION_COOKIE, '', { maxAge: 0, secure: servedOverHttps(req, cfg) });
}

/**
 * Returns the principal of the request's session cookie, or undefined when it has none, it ended,
 * or its user can no longer sign in under the current configuration (name and groups as it says now).
 */
export function sessionPrincipal(req: Request, cfg: AppConfig): Principal | undefined {
  const secret = readCookie(req, SESSION_COOKIE);
  if (!secret || !/^[A-Za-z0-9_-]{20,100}$/.test(secret)) return undefined;
  const s = findSession(hashSecret(secret));
  if (!s) return undefined;
  const who = currentIdentity(s.principalId, cfg);
  if (!who) return undefined;
  return { id: s.principalId, name: who.name, via: s.via, user: s.principalId, groups: who.groups };
}

/** Throws UNAUTHENTICATED with the sentence a signed-out user reads. */
export function unauthenticated(message = 'Sign in to use Manifold.'): AppError<'UNAUTHENTICATED'> {
  return new AppError('UNAUTHENTICATED', message, {
    hint: 'Sign in at /sign-in, or send an API token as `Authorization: Bearer <token>`.',
  });
}
