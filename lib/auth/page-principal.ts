import 'server-only';

import { headers } from 'next/headers';
import { redirect } from 'next/navigation';

import { getConfig } from '@/lib/config';

import { hasRole } from './guard';
import type { AccessView } from './access-view';
import { PRINCIPAL_HEADER, type Principal } from './principal';
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
