import { AppError } from '@/lib/errors';
import type { TransportResponse } from './body';
import { checkBodyHop, checkHop } from './hops';
import type { Exchange } from './send';
import { isReplayableBody } from './body-kind';

const REDIRECT_STATUSES = new Set([301, 302, 303, 307, 308]);

export interface RedirectOptions {
  maxRedirects: number;
}

type Send = (ex: Exchange) => Promise<TransportResponse>;

/**
 * Returns `send` wrapped to follow redirects: each hop passes the hop rules (no downgrade, no
 * plain HTTP to an unknown host, no body re-sent to another origin) and then the connect-time
 * policy of its own origin's agent; credentials never follow to another origin.
 */
export function followRedirects(send: Send, options: RedirectOptions): Send {
  return async (first) => {
    let ex = { ...first, headers: { ...first.headers } };
    for (let hop = 0; ; hop++) {
      const res = await send(ex);
      const location = res.headers.get('location');
      if (ex.req.followRedirects === false || !REDIRECT_STATUSES.has(res.status) || !location)
        return res;
      await res.dump();
      if (hop >= options.maxRedirects) {
        throw new AppError('INVALID_RESPONSE', `More than ${options.maxRedirects} redirects`, {
          method: ex.method,
          url: ex.url.toString(),
        });
      }
      ex = nextExchange(ex, res.status, new URL(location, ex.url));
    }
  };
}

function nextExchange(ex: Exchange, status: number, next: URL): Exchange {
  checkHop(ex.url, next, 'A redirect');
  const headers = { ...ex.headers };
  let { method, body } = ex;
  // Credentials never follow a redirect to another origin (object storage, CDNs).
  if (next.origin !== ex.url.origin) delete headers.authorization;
  if (status === 303 || ((status === 301 || status === 302) && method === 'POST')) {
    method = method === 'HEAD' ? 'HEAD' : 'GET';
    body = undefined;
    delete headers['content-type'];
    delete headers['content-length'];
  } else {
    checkBodyHop(ex.url, next, method, body !== undefined);
    if (!isReplayableBody(body)) {
      throw new AppError('INVALID_RESPONSE', 'The registry redirected a streamed upload', {
        method,
        url: ex.url.toString(),
      });
    }
  }
  return { ...ex, url: next, method, body, headers };
}
