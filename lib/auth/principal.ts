import type { Role } from '@/lib/config-access';

/** Who a request is made by. */
export interface Principal {
  /**
   * Stable: 'local' for the single-user loopback instance, 'none' for `auth: none`; a signed-in
   * user's id names the method: 'local:<name>' (config users), 'oidc:<issuer>#<sub>',
   * 'proxy:<name>'; a token is 'token:<id>'.
   */
  id: string;
  /** What activity rows and the UI show. */
  name: string;
  via: 'local' | 'none' | 'password' | 'oidc' | 'proxy' | 'token';
  /** The signed-in user's principal id (a token's: its owner's); absent for 'local' and 'none'. */
  user?: string;
  /** Groups from the identity provider, the proxy, or the config's users. */
  groups?: string[];
  /** A token's own ceiling: it never does more than this, nor more than its owner. */
  maxRole?: Role;
}

/** The principal of the default instance: one person on their own machine. */
export const LOCAL_PRINCIPAL: Principal = { id: 'local', name: 'local user', via: 'local' };

/** The principal of an instance configured with `auth: none`. */
export const ANYONE_PRINCIPAL: Principal = { id: 'none', name: 'anyone', via: 'none' };

/** The request header proxy.ts sets (and strips from clients) to tell pages who is asking. */
export const PRINCIPAL_HEADER = 'x-manifold-principal';
