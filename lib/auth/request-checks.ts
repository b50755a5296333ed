import { isLoopbackName, type AccessConfig } from '@/lib/config-access';
import { AppError } from '@/lib/errors';

import { globMatch } from './roles';

/**
 * Checks every request passes before anything else looks at it: the Host it was sent to (DNS
 * rebinding), and for changes the content type and the origin (a page on another site).
 */

type HostConfig = Pick<AccessConfig, 'publicUrl' | 'allowedHosts'>;

/** Returns the host name of a Host header value without its port (brackets kept off IPv6). */
function hostName(host: string): string {
  if (host.startsWith('[')) return host.slice(1, host.indexOf(']'));
  return host.replace(/:\d+$/, '');
}

/** Returns true when the Host header names this server: loopback, publicUrl's host, or allowedHosts. */
export function hostAllowed(host: string | null, cfg: HostConfig): boolean {
  if (!host || !/^(\[[0-9a-fA-F:.]+\]|[A-Za-z0-9.-]+)(:\d{1,5})?$/.test(host)) return false;
  const h = host.toLowerCase();
  if (isLoopbackName(hostName(h))) return true;
  if (cfg.publicUrl && new URL(cfg.publicUrl).host === h) return true;
  return cfg.allowedHosts.some((a) =>
    a.includes(':') ? globMatch(a, h) : globMatch(a, hostName(h)),
  );
}

/** Throws HOST_NOT_ALLOWED unless the request's Host is one this server answers to. */
export function checkHost(req: Request, cfg: HostConfig): void {
  const host = req.headers.get('host');
  if (!hostAllowed(host, cfg)) {
    throw new AppError(
      'HOST_NOT_ALLOWED',
      `Manifold does not answer to the host name ${JSON.stringify(host ?? '')}.`,
      {
        hint: 'Add the name users reach Manifold at to `publicUrl` or `allowedHosts` in the config file.',
      },
    );
  }
}

/** Throws UNSUPPORTED_CONTENT_TYPE unless a change is sent as application/json. */
export function checkJsonBody(req: Request): void {
  const type = (req.headers.get('content-type') ?? '').split(';')[0]!.trim().toLowerCase();
  if (type !== 'application/json') {
    throw new AppError(
      'UNSUPPORTED_CONTENT_TYPE',
      `Changes must be sent as application/json, not ${JSON.stringify(type || 'nothing')}.`,
    );
  }
}

/**
 * Throws CROSS_ORIGIN unless the request comes from one of Manifold's own pages: an `Origin` equal
 * to the server's own (its Host, or publicUrl), or, without an Origin, `Sec-Fetch-Site: same-origin`.
 */
export function checkSameOrigin(req: Request, cfg: HostConfig): void {
  const origin = req.headers.get('origin');
  const host = req.headers.get('host')?.toLowerCase();
  if (origin !== null && origin !== 'null') {
    let url: URL | undefined;
    try {
      url = new URL(origin);
    } catch {
      url = undefined;
    }
    if (url && (url.host === host || url.origin === cfg.publicUrl)) return;
  } else if (origin === null && req.headers.get('sec-fetch-site') === 'same-origin') {
    return;
  }
  throw new AppError(
    'CROSS_ORIGIN',
    `Changes are accepted only from Manifold's own pages (this one came from ${origin ?? 'an unknown origin'}).`,
    {
      hint: 'Scripts send an API token instead: `Authorization: Bearer <token>` (create one under Settings → API tokens).',
    },
  );
}

/**
 * Returns the address the request came from, when scripts/start.mjs stamped it (x-manifold-peer);
 * undefined under a plain `next start`, where nothing trustworthy says it.
 */
export function peerAddress(
  req: Request,
  cfg: Pick<AccessConfig, 'peerHeaderTrusted'>,
): string | undefined {
  if (!cfg.peerHeaderTrusted) return undefined;
  const v = req.headers.get('x-manifold-peer');
  return v ? v.replace(/^::ffff:/, '') : undefined;
}

/**
 * Returns the address of the client: the socket's peer, or when that is one of `trustedProxies`,
 * the right-most X-Forwarded-For address that is not a trusted proxy (what the nearest proxy saw;
 * addresses further left are the client's own say). Undefined when nothing trustworthy says it.
 */
export function clientAddress(
  req: Request,
  cfg: Pick<AccessConfig, 'peerHeaderTrusted' | 'trustedProxies'>,
): string | undefined {
  const peer = peerAddress(req, cfg);
  if (!peer || !cfg.trustedProxies.includes(peer)) return peer;
  const hops = (req.headers.get('x-forwarded-for') ?? '')
    .split(',')
    .map((h) => h.trim().replace(/^::ffff:/, ''))
    .filter(Boolean);
  for (let i = hops.length - 1; i >= 0; i--)
    if (!cfg.trustedProxies.includes(hops[i]!)) return hops[i];
  return peer;
}

/** Returns true when the request reached Manifold over HTTPS (publicUrl says so, or the socket was TLS). */
export function servedOverHttps(
  req: Request,
  cfg: Pick<AccessConfig, 'publicUrl' | 'peerHeaderTrusted'>,
): boolean {
  if (cfg.publicUrl?.startsWith('https:')) return true;
  return cfg.peerHeaderTrusted && req.headers.get('x-manifold-tls') === '1';
}
