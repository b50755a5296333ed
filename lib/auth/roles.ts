import type { Role, RoleGrant } from '@/lib/config-access';
import { globMatch as wildcardMatch } from '@/lib/glob';

/**
 * Role arithmetic shared by the server (which enforces) and the browser (which only decides which
 * controls to show). Pure: no config, no request.
 */

export type { Role, RoleGrant } from '@/lib/config-access';

/** What an action is about: a registry, and usually a repository in it. */
export interface Target {
  registry: string;
  repository?: string;
}

/** A grant as it applies to one principal: the subject is already matched. */
export interface HeldGrant {
  role: Role;
  registry?: string;
  repository?: string;
}

const RANK: Record<Role, number> = { viewer: 1, editor: 2, admin: 3 };

/** Returns true when `held` is at least `needed` (admin > editor > viewer). */
export function roleCovers(held: Role, needed: Role): boolean {
  return RANK[held] >= RANK[needed];
}

/** Returns the lesser of two roles. */
export function minRole(a: Role, b: Role): Role {
  return RANK[a] <= RANK[b] ? a : b;
}

/**
 * Returns true when `value` matches `pattern`, where `*` stands for any run of characters (any
 * case; `?` is a literal). Throws VALIDATION for a pattern over the caps of `@/lib/glob`.
 */
export function globMatch(pattern: string, value: string): boolean {
  return wildcardMatch(pattern, value, { ignoreCase: true });
}

/** Returns the grants whose subject names this user (`user:<name>`), one of their groups (`group:<g>`), either (bare), or everyone (`*`). */
export function grantsOf(grants: RoleGrant[], user: string, groups: string[]): HeldGrant[] {
  const g = new Set(groups);
  return grants
    .filter((x) => {
      if (x.subject === '*') return true;
      if (x.subject.startsWith('user:')) return x.subject.slice(5) === user;
      if (x.subject.startsWith('group:')) return g.has(x.subject.slice(6));
      return x.subject === user || g.has(x.subject);
    })
    .map(({ role, registry, repository }) => ({
      role,
      ...(registry ? { registry } : {}),
      ...(repository ? { repository } : {}),
    }));
}

/**
 * Returns true when one of the held grants gives at least `role` on `target`. A grant without a
 * registry or repository pattern covers all of them. Without a target (drafts, the registry list)
 * any grant counts; a target without a repository (a registry's catalog) counts grants on any of
 * its repositories.
 */
export function grantsAllow(held: HeldGrant[], role: Role, target?: Target): boolean {
  return held.some((g) => {
    if (!roleCovers(g.role, role)) return false;
    if (!target) return true;
    if (g.registry && !globMatch(g.registry, target.registry)) return false;
    if (g.repository && target.repository !== undefined)
      return globMatch(g.repository, target.repository);
    return true;
  });
}
