import type { AppConfig } from '@/lib/config';
import { findIdentity, type SignInMethod } from '@/lib/store';

/**
 * Who a user is: a principal id that names the sign-in method with the name, so a local `alice`,
 * an OIDC user whose name claim says `alice` and a proxy `alice` are three people. Sessions and
 * tokens belong to this id, and every request checks it against the configuration as it is now.
 */

/** Returns the principal id of a `users` entry of the config file. */
export function localId(name: string): string {
  return `local:${name}`;
}

/** Returns the principal id of an OIDC user: the issuer and its `sub`, never the display name. */
export function oidcId(issuer: string, sub: string): string {
  return `oidc:${issuer}#${sub}`;
}

/** Returns the principal id of a user named by the trusted proxy. */
export function proxyId(name: string): string {
  return `proxy:${name}`;
}

/** A user as the configuration and their latest sign-in describe them now. */
export interface CurrentIdentity {
  name: string;
  groups: string[];
  via: SignInMethod;
}

/**
 * Returns the user behind a principal id under the current configuration, or undefined when they
 * can no longer sign in: a local user gone from `users`, an OIDC user of an issuer no longer
 * configured, a proxy user with proxy sign-in turned off. Groups come from the config for local
 * users and from the latest sign-in for OIDC and proxy users (the IdP owns those).
 */
export function currentIdentity(principalId: string, cfg: AppConfig): CurrentIdentity | undefined {
  const auth = cfg.auth;
  if (typeof auth !== 'object') return undefined;
  const colon = principalId.indexOf(':');
  const method = principalId.slice(0, colon);
  const rest = principalId.slice(colon + 1);
  if (method === 'local') {
    const user = auth.users.find((u) => u.name === rest);
    return user ? { name: user.name, groups: user.groups, via: 'password' } : undefined;
  }
  if (method === 'oidc') {
    if (!auth.oidc || !principalId.startsWith(`${oidcId(auth.oidc.issuer, '')}`)) return undefined;
    const seen = findIdentity(principalId);
    return seen ? { name: seen.name, groups: seen.groups, via: 'oidc' } : undefined;
  }
  if (method === 'proxy') {
    if (!auth.proxy) return undefined;
    return { name: rest, groups: findIdentity(principalId)?.groups ?? [], via: 'proxy' };
  }
  return undefined;
}
