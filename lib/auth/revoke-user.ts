import 'server-only';

import { getConfig } from '@/lib/config';
import { AppError } from '@/lib/errors';
import { deleteSessionsOf, revokeTokensOf } from '@/lib/store';

import type { Principal } from './principal';
import { grantsOf, minRole } from './roles';

/** A principal id of a signed-in user: 'local:<name>', 'oidc:<issuer>#<sub>' or 'proxy:<name>'. */
export const USER_ID_RE = /^(local|proxy|oidc):.{1,512}$/s;

/** Returns true when the principal is an admin of every registry and repository (no patterns). */
function adminEverywhere(principal: Principal): boolean {
  if (principal.via === 'local' || principal.via === 'none') return true;
  if (principal.maxRole && minRole(principal.maxRole, 'admin') !== 'admin') return false;
  return grantsOf(getConfig().roles, principal.user ?? principal.id, principal.groups ?? []).some(
    (g) => g.role === 'admin' && !g.registry && !g.repository,
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
  if (!adminEverywhere(by))
    throw new AppError(
      'FORBIDDEN',
      `Ending another user’s sign-ins needs the admin role everywhere, which ${by.name} does not have.`,
      { details: { required: 'admin' } },
    );
  return { sessions: deleteSessionsOf(userId), tokens: revokeTokensOf(userId) };
}
