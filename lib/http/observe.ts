import 'server-only';

import { peerAddress } from '@/lib/auth/request-checks';
import { getConfig } from '@/lib/config';
import { log } from '@/lib/log';
import { metrics } from '@/lib/metrics';
import { requestIdFor, withRequestId } from '@/lib/request-id';

/** What the door learns while it handles a request, for the request's one log line. */
export interface Observed {
  principalId?: string;
}

/**
 * Returns the route pattern of a request (`/api/jobs/[id]`), not its URL: every dynamic segment
 * is replaced by its parameter's name, so the metrics' `route` label stays a short, fixed list.
 */
export function routePattern(pathname: string, params: unknown): string {
  const byValue = new Map<string, string>();
  if (params && typeof params === 'object')
    for (const [k, v] of Object.entries(params as Record<string, unknown>))
      if (typeof v === 'string') byValue.set(v, k);
  return pathname
    .split('/')
    .map((seg) => {
      let decoded = seg;
      try {
        decoded = decodeURIComponent(seg);
      } catch {
        // a malformed escape is its own literal segment
      }
      const name = byValue.get(decoded) ?? byValue.get(seg);
      return name ? `[${name}]` : seg;
    })
    .join('/');
}

function trustedProxyPeer(req: Request): boolean {
  try {
    const cfg = getConfig();
    const peer = peerAddress(req, cfg);
    return peer !== undefined && cfg.trustedProxies.includes(peer);
  } catch {
    return false;
  }
}

/**
 * Returns fn's response with an `x-request-id` header, having run fn under the request's id (a
 * trusted proxy's `x-request-id`, else a new one), recorded its duration by route pattern, method
 * and status, and logged it once. Never throws what fn does not.
 */
export async function observeRequest(
  req: Request,
  ctx: { params?: Promise<unknown> } | undefined,
  fn: (seen: Observed) => Promise<Response>,
): Promise<Response> {
  const started = performance.now();
  const reqId = requestIdFor(req.headers.get('x-request-id'), trustedProxyPeer(req));
  const seen: Observed = {};
  const res = await withRequestId(reqId, () => fn(seen));
  const seconds = (performance.now() - started) / 1000;
  let params: unknown;
  try {
    params = await ctx?.params;
  } catch {
    params = undefined;
  }
  const routeLabel = routePattern(new URL(req.url).pathname, params);
  metrics().httpDuration.observe(
    { route: routeLabel, method: req.method, status: String(res.status) },
    seconds,
  );
  withRequestId(reqId, () =>
    log().info(
      {
        method: req.method,
        route: routeLabel,
        status: res.status,
        durationMs: Math.round(seconds * 1000),
        ...(seen.principalId ? { principal: seen.principalId } : {}),
      },
      'request',
    ),
  );
  try {
    res.headers.set('x-request-id', reqId);
  } catch {
    // Immutable headers (a fetched Response passed through): the id is in the log line still.
  }
  return res;
}
