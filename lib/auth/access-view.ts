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

const RANK: Record<Role, number> = { viewer: 1, editor: 2, admin: 3 };

function whereOf(g: HeldGrant): string {
  if (!g.registry && !g.repository) return 'everywhere';
  if (!g.repository) return `on ${g.registry}`;
  return `on ${g.registry ? `${g.registry}/` : ''}${g.repository}`;
}

/**
 * Returns what the user menu says of the reader's role: a short headline ("admin", "editor on
 * a/*", "viewer on 2 scopes") and one line per grant, highest role first; null without sign-in
 * (everyone may do everything). Never throws.
 */
export function roleSummary(view: AccessView): { headline: string; lines: string[] } | null {
  if (view.grants === 'all') return null;
  const grants = [...view.grants].sort((a, b) => RANK[b.role] - RANK[a.role]);
  const lines = [...new Set(grants.map((g) => `${g.role} ${whereOf(g)}`))];
  const suffix = view.readOnly ? ' (read-only)' : '';
  const top = grants[0];
  if (!top) return { headline: `no role${suffix}`, lines: ['no grant: nothing is visible'] };
  const everywhere = whereOf(top) === 'everywhere';
  const others = grants.filter((g) => g.role === top.role).length;
  const where = everywhere ? '' : others > 1 ? ` on ${others} scopes` : ` ${whereOf(top)}`;
  return { headline: `${top.role}${where}${suffix}`, lines };
}
