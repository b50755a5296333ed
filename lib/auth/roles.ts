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

/** Returns true when a `user:` subject (without its prefix) names this principal id. */
function namesUser(subject: string, principalId: string): boolean {
  if (subject === principalId) return true;
  // `user:oidc:<sub>`: the configured issuer (there is one) is implied.
  if (!subject.startsWith('oidc:') || !principalId.startsWith('oidc:')) return false;
  const sub = subject.slice(5);
  return !sub.includes('#') && principalId.slice(principalId.indexOf('#') + 1) === sub;
}

/**
 * Returns the grants whose subject names this principal (`user:local:<name>`, `user:oidc:...`,
 * `user:proxy:<name>`: the id with its sign-in method), one of their groups (`group:<g>`), or
 * everyone (`*`). A bare subject matches nobody (the config refuses it).
 */
export function grantsOf(grants: RoleGrant[], principalId: string, groups: string[]): HeldGrant[] {
  const g = new Set(groups);
  return grants
    .filter((x) => {
      if (x.subject === '*') return true;
      if (x.subject.startsWith('user:')) return namesUser(x.subject.slice(5), principalId);
      if (x.subject.startsWith('group:')) return g.has(x.subject.slice(6));
      return false;
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
