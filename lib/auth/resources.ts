import { grantsAllow, type HeldGrant, type Role } from './roles';

/**
 * The authorization model's nouns (docs/security.md, "Authorization model"): a request reads or
 * writes resources, each a registry (its catalog) or a repository in it, with an action. Pure:
 * no config, no request, so pages, routes, jobs and tests all build them the same way.
 */

/** What a request does to a resource. */
export type Action = 'pull' | 'push' | 'overwrite' | 'delete';

/** One thing a request touches: a repository, or without one the registry's catalog. */
export interface Resource {
  registry: string;
  /** Absent: the registry's catalog (any grant on that registry lets its holder see it). */
  repository?: string;
  action: Action;
}

// A forced write replaces a tag someone else moved: as destructive as a delete.
const ROLE_OF: Record<Action, Role> = {
  pull: 'viewer',
  push: 'editor',
  overwrite: 'admin',
  delete: 'admin',
};

/** Returns the role an action needs: pull viewer, push editor, overwrite and delete admin. */
export function roleFor(action: Action): Role {
  return ROLE_OF[action];
}

/** Returns the write action of a tag write: `overwrite` when forced over a tag that moved, else `push`. */
export function writeAction(force: boolean | undefined): Action {
  return force ? 'overwrite' : 'push';
}

/** Returns the resource of a repository (any object naming registry and repository). */
export function repositoryResource(
  ref: { registry: string; repository: string },
  action: Action,
): Resource {
  return { registry: ref.registry, repository: ref.repository, action };
}

/** Returns the resource of a registry's catalog (reading it: `pull`). */
export function catalogResource(registry: string, action: Action = 'pull'): Resource {
  return { registry, action };
}

/** Returns `registry/repository`, or the registry alone for its catalog; for messages. */
export function resourceName(r: Pick<Resource, 'registry' | 'repository'>): string {
  return r.repository ? `${r.registry}/${r.repository}` : r.registry;
}

/** Returns true when one of the held grants gives the action's role on the resource. */
export function grantsAllowResource(held: HeldGrant[], r: Resource): boolean {
  return grantsAllow(held, roleFor(r.action), {
    registry: r.registry,
    ...(r.repository !== undefined ? { repository: r.repository } : {}),
  });
}

/** Returns the resources without duplicates (same registry, repository and action), in order. */
export function uniqueResources(list: readonly Resource[]): Resource[] {
  const seen = new Map<string, Resource>();
  for (const r of list) seen.set(`${r.action} ${resourceName(r)}`, r);
  return [...seen.values()];
}
