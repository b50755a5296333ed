import 'server-only';

/**
 * Who is asking, and may they? A stub: Manifold runs single-user on loopback, so every request is
 * the local user with every role. Sign-in, sessions, tokens and role grants replace these bodies;
 * the signatures are the contract with `lib/http/route.ts`.
 */

export type Role = 'viewer' | 'editor' | 'admin';

export interface Principal {
  /** Stable: 'local' for the single-user loopback instance, 'user:<name>', 'token:<id>'. */
  id: string;
  /** What activity rows and the UI show. */
  name: string;
  via: 'local' | 'none' | 'password' | 'oidc' | 'proxy' | 'token';
}

/** What a request acts on, for role grants per registry and repository. */
export interface Target {
  registry: string;
  repository?: string;
}

const LOCAL: Principal = { id: 'local', name: 'local user', via: 'local' };

/**
 * Returns the principal of a request. Will throw AppError HOST_NOT_ALLOWED | CROSS_ORIGIN |
 * UNSUPPORTED_CONTENT_TYPE | READ_ONLY | UNAUTHENTICATED once sign-in exists.
 */
// eslint-disable-next-line @typescript-eslint/require-await -- the real check reads the session store
export async function authenticate(_req: Request, _opts: { write: boolean }): Promise<Principal> {
  return LOCAL;
}

/** Returns when the principal has `role` on `target`; will throw AppError FORBIDDEN (details.required). */
export function requireRole(_principal: Principal, _role: Role, _target?: Target): void {}

/** Returns whether the principal has `role` on `target`, for pages deciding which controls to show. */
export function hasRole(_principal: Principal, _role: Role, _target?: Target): boolean {
  return true;
}
