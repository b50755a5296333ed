import 'server-only';

import { getConfig } from '@/lib/config';

import { canAccess, type Principal } from './guard';
import { grantsOf } from './roles';
import type { Reader } from './visibility';

/**
 * Returns true when the principal holds admin on every registry and repository: the single user
 * of an instance without sign-in, or a grant of admin with no registry or repository pattern (or
 * `*`), not capped below admin by a token. Admin of one registry is not enough: drafts and jobs
 * span registries.
 */
export function isAdmin(principal: Principal): boolean {
  if (principal.via === 'local' || principal.via === 'none') return true;
  if (principal.maxRole !== undefined && principal.maxRole !== 'admin') return false;
  const everywhere = (pattern: string | undefined) => pattern === undefined || pattern === '*';
  return grantsOf(getConfig().roles, principal.user ?? principal.id, principal.groups ?? []).some(
    (g) => g.role === 'admin' && everywhere(g.registry) && everywhere(g.repository),
  );
}

/** Returns the principal as the reader of a list (see lib/auth/visibility); never throws. */
export function readerOf(principal: Principal): Reader {
  return {
    // A token reads as its owner: the drafts it made are the owner's (the door's actor).
    id: principal.user ?? principal.id,
    groups: principal.groups ?? [],
    admin: isAdmin(principal),
    can: (resource) => canAccess(principal, resource),
  };
}
