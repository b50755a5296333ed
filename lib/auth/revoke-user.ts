import 'server-only';

import type { AppConfig } from '@/lib/config';
import { AppError } from '@/lib/errors';
import {
  deleteSessionsOf,
  listIdentities,
  liveSessionCounts,
  liveTokenCounts,
  revokeTokensOf,
} from '@/lib/store';

import { localId } from './identity';
import { isAdmin } from './reader';
import type { Principal } from './principal';

/** A principal id of a signed-in user: 'local:<name>', 'oidc:<issuer>#<sub>' or 'proxy:<name>'. */
export const USER_ID_RE = /^(local|proxy|oidc):.{1,512}$/s;

/** Returns true when the principal is an admin of every registry and repository (see isAdmin). */
export function adminEverywhere(principal: Principal): boolean {
  return isAdmin(principal);
}

/** Throws FORBIDDEN unless the principal is an admin of every registry and repository. */
export function requireAdminEverywhere(principal: Principal, what = 'This'): void {
  if (adminEverywhere(principal)) return;
  throw new AppError(
    'FORBIDDEN',
    `${what} needs the admin role everywhere, which ${principal.name} does not have.`,
    { details: { required: 'admin' } },
  );
}

/**
 * Ends every session and revokes every API token of the user `userId` at once; returns how many of
 * each. Throws FORBIDDEN unless `by` is an admin everywhere (a grant without registry/repository).
 */
export function revokeEverythingOf(
  by: Principal,
  userId: string,
): { sessions: number; tokens: number } {
  requireAdminEverywhere(by, 'Ending another user’s sign-ins');
  return { sessions: deleteSessionsOf(userId), tokens: revokeTokensOf(userId) };
}

/** A user who can sign in or has signed in, with how many live sessions and tokens they hold. */
export interface SignInHolder {
  id: string;
  name: string;
  via: 'password' | 'oidc' | 'proxy';
  sessions: number;
  tokens: number;
}

/** Returns the config's local users and every user a sign-in recorded, with their live sessions and tokens. */
export function signInHolders(cfg: AppConfig): SignInHolder[] {
  const sessions = liveSessionCounts();
  const tokens = liveTokenCounts();
  const seen = new Map<string, Omit<SignInHolder, 'sessions' | 'tokens'>>();
  if (typeof cfg.auth === 'object')
    for (const u of cfg.auth.users)
      seen.set(localId(u.name), { id: localId(u.name), name: u.name, via: 'password' });
  for (const i of listIdentities())
    if (!seen.has(i.principalId))
      seen.set(i.principalId, { id: i.principalId, name: i.name, via: i.via });
  return [...seen.values()].map((u) => ({
    ...u,
    sessions: sessions.get(u.id) ?? 0,
    tokens: tokens.get(u.id) ?? 0,
  }));
}
