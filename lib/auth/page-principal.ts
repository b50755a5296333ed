import 'server-only';

import { headers } from 'next/headers';
import { redirect } from 'next/navigation';

import { getConfig } from '@/lib/config';
import { isAppError } from '@/lib/errors';

import { canAccess, hasRole, requireResources } from './guard';
import type { AccessView } from './access-view';
import { PRINCIPAL_HEADER, type Principal } from './principal';
import type { Resource } from './resources';
import { grantsOf, minRole, type Role, type Target } from './roles';

/** Returns who is viewing the page, as proxy.ts identified them, or undefined when nobody is signed in. */
export async function pagePrincipal(): Promise<Principal | undefined> {
  const raw = (await headers()).get(PRINCIPAL_HEADER);
  if (!raw) return undefined;
  try {
    return JSON.parse(decodeURIComponent(raw)) as Principal;
  } catch {
    return undefined;
  }
}

/** Returns the page's viewer; redirects to /sign-in when nobody is signed in. */
export async function requirePagePrincipal(next = '/'): Promise<Principal> {
  const p = await pagePrincipal();
  if (!p) redirect(`/sign-in?next=${encodeURIComponent(next)}`);
  return p;
}

/** Returns what the browser may know of the principal's rights (see AccessView). */
export function accessViewOf(principal: Principal | undefined): AccessView {
  const cfg = getConfig();
  const auth = typeof cfg.auth === 'object' ? cfg.auth : undefined;
  const open = !principal || principal.via === 'local' || principal.via === 'none';
  const held =
    principal && !open
      ? grantsOf(cfg.roles, principal.user ?? principal.id, principal.groups ?? []).map((g) =>
          principal.maxRole ? { ...g, role: minRole(g.role, principal.maxRole) } : g,
        )
      : [];
  return {
    user: principal && !open ? { name: principal.name, via: principal.via } : null,
    signInConfigured: auth !== undefined,
    tokensEnabled: auth?.tokens ?? false,
    readOnly: cfg.readOnly,
    grants: open ? (principal ? 'all' : []) : held,
  };
}

/**
 * Returns undefined when the page's viewer may see `target` with `role`, else the sentence a page
 * shows instead of its content (grants per registry and repository apply to pages too).
 */
export async function pageDenial(role: Role, target: Target): Promise<string | undefined> {
  const p = await pagePrincipal();
  if (p && hasRole(p, role, target)) return undefined;
  const where = `${target.registry}${target.repository ? `/${target.repository}` : ''}`;
  return `Viewing ${where} needs the ${role} role, which ${p?.name ?? 'a signed-out visitor'} does not have.`;
}

/**
 * Returns undefined when `principal` may touch every resource, else the sentence a page shows
 * instead of its content: the same check, and the same words, as the API's 403 FORBIDDEN.
 * Rethrows anything but FORBIDDEN.
 */
export function accessDenial(
  principal: Principal | undefined,
  resources: readonly Resource[],
): string | undefined {
  if (!principal) return 'Sign in to see this page.';
  try {
    requireResources(principal, resources);
    return undefined;
  } catch (err) {
    if (isAppError(err) && err.code === 'FORBIDDEN') return err.message;
    throw err;
  }
}

/**
 * Returns undefined when the page's viewer may touch every resource the page reads, else the
 * sentence to show instead. Pages call it before anything asks a registry, with the resources
 * their API route declares (built by the same resolver).
 */
export async function pageAccess(resources: readonly Resource[]): Promise<string | undefined> {
  return accessDenial(await pagePrincipal(), resources);
}

/** Returns the page viewer's check of one resource, for lists a page filters (as `ctx.access.can`). */
export async function pageCan(): Promise<(resource: Resource) => boolean> {
  const p = await pagePrincipal();
  return (resource) => p !== undefined && canAccess(p, resource);
}
