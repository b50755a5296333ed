import { grantsAllow, roleCovers, type HeldGrant, type Role, type Target } from './roles';

/**
 * What the browser is told about the user's rights, computed on the server: it decides which
 * controls to show and why one is missing. The API enforces the same rules on every request.
 */
export interface AccessView {
  /** The signed-in user; null for the single-user instance and `auth: none`. */
  user: { name: string; via: string } | null;
  signInConfigured: boolean;
  tokensEnabled: boolean;
  readOnly: boolean;
  /** 'all' for the single-user instance and `auth: none`; else the user's grants (a token's cap applied). */
  grants: 'all' | HeldGrant[];
}

/** The view of an instance where everyone may do everything (no sign-in); used before any is known. */
export const OPEN_ACCESS: AccessView = {
  user: null,
  signInConfigured: false,
  tokensEnabled: false,
  readOnly: false,
  grants: 'all',
};

/** Returns undefined when the view allows `role` on target, else the sentence saying why not. */
export function accessDenial(view: AccessView, role: Role, target?: Target): string | undefined {
  if (view.readOnly && roleCovers(role, 'editor'))
    return 'This is off: this Manifold is read-only.';
  if (view.grants === 'all' || grantsAllow(view.grants, role, target)) return undefined;
  const where = target?.repository ? ` on ${target.repository}` : '';
  return `This needs the ${role} role${where}.`;
}
