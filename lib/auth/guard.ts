import 'server-only';

import { getConfig, type AppConfig } from '@/lib/config';
import { AppError } from '@/lib/errors';

import { ANYONE_PRINCIPAL, LOCAL_PRINCIPAL, type Principal } from './principal';
import { proxyPrincipal } from './proxy-auth';
import { checkHost, checkJsonBody, checkSameOrigin } from './request-checks';
import { resourceName, roleFor, type Resource } from './resources';
import { grantsAllow, grantsOf, minRole, type Role, type Target } from './roles';
import { sessionPrincipal, unauthenticated } from './sessions';
import { tokenPrincipal } from './tokens';

export type { Principal } from './principal';
export type { Role, Target } from './roles';
export type { Action, Resource } from './resources';

function bearerOf(req: Request): string | undefined {
  const m = /^Bearer\s+(\S+)\s*$/i.exec(req.headers.get('authorization') ?? '');
  return m?.[1];
}

/**
 * Throws unless the request may reach Manifold at all: HOST_NOT_ALLOWED for a Host it does not
 * answer to; for changes CROSS_ORIGIN (not from its own pages; bearer-token requests are exempt)
 * and UNSUPPORTED_CONTENT_TYPE (not JSON). Used by authenticate and by the sign-in routes.
 */
export function checkRequest(
  req: Request,
  opts: { write: boolean },
  cfg: AppConfig = getConfig(),
): void {
  checkHost(req, cfg);
  if (!opts.write) return;
  if (bearerOf(req) === undefined) checkSameOrigin(req, cfg);
  checkJsonBody(req);
}

/** Returns who sent the request (token, trusted proxy, session), or undefined when nobody is signed in. */
export function identify(req: Request, cfg: AppConfig = getConfig()): Principal | undefined {
  if (cfg.auth === undefined) return LOCAL_PRINCIPAL;
  if (cfg.auth === 'none') return ANYONE_PRINCIPAL;
  const bearer = bearerOf(req);
  if (bearer !== undefined) return tokenPrincipal(bearer, cfg);
  return proxyPrincipal(req, cfg) ?? sessionPrincipal(req, cfg);
}

/**
 * Host, origin/content-type (writes), read-only (writes), session/token/proxy -> principal. Throws
 * AppError HOST_NOT_ALLOWED | CROSS_ORIGIN | UNSUPPORTED_CONTENT_TYPE | READ_ONLY | UNAUTHENTICATED.
 */
// eslint-disable-next-line @typescript-eslint/require-await -- async by contract: every check is sync today
export async function authenticate(req: Request, opts: { write: boolean }): Promise<Principal> {
  const cfg = getConfig();
  checkRequest(req, opts, cfg);
  if (opts.write && cfg.readOnly)
    throw new AppError(
      'READ_ONLY',
      'This Manifold is read-only: nothing can be changed through it.',
    );
  const principal = identify(req, cfg);
  if (!principal) throw unauthenticated();
  return principal;
}

/** Returns true when the principal holds `role` on the target (a token: capped by its own role). */
function allows(principal: Principal, role: Role, target?: Target): boolean {
  if (principal.via === 'local' || principal.via === 'none') return true;
  if (principal.maxRole && minRole(principal.maxRole, role) !== role) return false;
  const held = grantsOf(getConfig().roles, principal.user ?? principal.id, principal.groups ?? []);
  return grantsAllow(held, role, target);
}

/** Throws AppError FORBIDDEN (details.required = role) unless the principal has `role` on target. */
export function requireRole(principal: Principal, role: Role, target?: Target): void {
  if (allows(principal, role, target)) return;
  const where = target
    ? ` on ${target.registry}${target.repository ? `/${target.repository}` : ''}`
    : '';
  throw new AppError(
    'FORBIDDEN',
    `This needs the ${role} role${where}, which ${principal.name} does not have.`,
    {
      details: {
        required: role,
        ...(target ? { registry: target.registry } : {}),
        ...(target?.repository ? { repository: target.repository } : {}),
      },
    },
  );
}

/** The same as a boolean, for pages deciding which controls to show. */
export function hasRole(principal: Principal, role: Role, target?: Target): boolean {
  return allows(principal, role, target);
}

/** What a handler may still check for work it discovers later (a list's rows, a job's steps). */
export interface Access {
  principal: Principal;
  /** Returns true when the principal may do the resource's action on it. */
  can: (resource: Resource) => boolean;
  /** Throws AppError FORBIDDEN naming the first resource the principal may not touch. */
  require: (resources: readonly Resource[]) => void;
}

/** Returns true when the principal holds the role the resource's action needs on it. */
export function canAccess(principal: Principal, resource: Resource): boolean {
  return allows(principal, roleFor(resource.action), {
    registry: resource.registry,
    ...(resource.repository !== undefined ? { repository: resource.repository } : {}),
  });
}

/**
 * Returns nothing when the principal may touch every resource; throws AppError FORBIDDEN naming
 * the first refused one (details: required role, action, registry, repository), and FORBIDDEN too
 * for an empty list: a request that cannot name what it touches is refused, not let through.
 */
export function requireResources(principal: Principal, resources: readonly Resource[]): void {
  if (resources.length === 0)
    throw new AppError('FORBIDDEN', 'This request names nothing it may act on, so it is refused.');
  for (const r of resources) {
    if (canAccess(principal, r)) continue;
    const required = roleFor(r.action);
    throw new AppError(
      'FORBIDDEN',
      `To ${r.action} ${resourceName(r)} needs the ${required} role there, which ${principal.name} does not have.`,
      {
        details: {
          required,
          action: r.action,
          registry: r.registry,
          ...(r.repository !== undefined ? { repository: r.repository } : {}),
        },
      },
    );
  }
}

/** Returns the principal's access checks, for a handler's later work. */
export function accessOf(principal: Principal): Access {
  return {
    principal,
    can: (resource) => canAccess(principal, resource),
    require: (resources) => requireResources(principal, resources),
  };
}
