import type { AppConfig } from '@/lib/config';
import { recordIdentity } from '@/lib/store';

import { proxyId } from './identity';
import type { Principal } from './principal';
import { peerAddress } from './request-checks';

/**
 * Returns the user a trusted reverse proxy (oauth2-proxy, Pomerium, ...) names in its headers, or
 * undefined. The headers count only when the request comes from one of `proxy.trustedAddresses`:
 * from any other address they are ignored, since anyone can send them.
 */
export function proxyPrincipal(req: Request, cfg: AppConfig): Principal | undefined {
  const proxy = typeof cfg.auth === 'object' ? cfg.auth.proxy : undefined;
  if (!proxy) return undefined;
  const peer = peerAddress(req, cfg);
  if (!peer || !proxy.trustedAddresses.includes(peer)) return undefined;
  const user = req.headers.get(proxy.userHeader)?.trim();
  if (!user) return undefined;
  const groups = proxy.groupsHeader
    ? (req.headers.get(proxy.groupsHeader) ?? '')
        .split(/[,\s]+/)
        .map((g) => g.trim())
        .filter(Boolean)
    : [];
  const id = proxyId(user);
  // The proxy's groups are the truth for this request; the tokens of this user follow the latest.
  recordIdentity({ principalId: id, name: user, via: 'proxy', groups });
  return { id, name: user, via: 'proxy', user: id, groups };
}
