import { AppError } from '@/lib/errors';
import type { OriginOwner } from './agent';
import { notAllowed } from './policy';
import { registryBaseUrl } from './url';
import type { RegistryResolver, RegistrySettings } from './types';

/**
 * Where a request may go after the registry named the next URL (a token realm, a redirect, an
 * upload Location, a Link). Address checks happen at connect time (connector.ts); these are the
 * URL-level rules: http(s) only, never from HTTPS down to HTTP. (A token realm on another host
 * must also be HTTPS unless configured: auth/authenticator.ts checks that with `checkRealm`.)
 */

/** Returns who owns the origin of `url`: the request's registry, another configured one, or nobody. */
export function ownerOf(
  url: URL,
  registry: RegistrySettings,
  configured: boolean,
  registries: RegistryResolver,
): OriginOwner {
  if (url.origin === registryBaseUrl(registry).origin)
    return configured ? { kind: 'configured', settings: registry } : { kind: 'unconfigured' };
  const other = registries(url.host);
  if (other && registryBaseUrl(other).origin === url.origin)
    return { kind: 'configured', settings: other };
  return { kind: 'hop' };
}

/** Throws unless `next` is a URL a request that was at `from` may go to (see above). */
export function checkHop(from: URL, next: URL, what: string): void {
  if (next.protocol !== 'http:' && next.protocol !== 'https:') {
    throw new AppError(
      'INVALID_RESPONSE',
      `${what} has an unsupported URL scheme ${next.protocol}`,
    );
  }
  if (from.protocol === 'https:' && next.protocol === 'http:') {
    throw notAllowed(next.host, `${what} goes from HTTPS down to plain HTTP`, 'registries');
  }
}

/**
 * Throws unless a token realm may receive this registry's credentials: same origin, or HTTPS, or
 * a host configured as a registry (the operator vouched for it).
 */
export function checkRealm(base: URL, realm: URL, realmConfigured: boolean): void {
  checkHop(base, realm, 'The token realm');
  if (realm.origin !== base.origin && realm.protocol !== 'https:' && !realmConfigured) {
    throw notAllowed(realm.host, 'a token realm on another host must use HTTPS', 'registries');
  }
}

/** Throws when a redirect would send a request body to another origin (PUT/PATCH/POST bytes). */
export function checkBodyHop(from: URL, next: URL, method: string, hasBody: boolean): void {
  if (hasBody && next.origin !== from.origin) {
    throw notAllowed(
      next.host,
      `the registry redirected a ${method} with its body to another host`,
      'registries',
    );
  }
}
