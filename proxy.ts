import { NextResponse, type NextRequest } from 'next/server';

import { identify } from '@/lib/auth/guard';
import { securityHeaders } from '@/lib/auth/headers';
import { PRINCIPAL_HEADER } from '@/lib/auth/principal';
import { checkHost, servedOverHttps } from '@/lib/auth/request-checks';
import { getConfig } from '@/lib/config';
import { isAppError, toPublicError } from '@/lib/errors';

// The sign-in page shows these before anyone is signed in; they hold nothing private.
const PUBLIC_ASSETS = new Set(['/logo.svg', '/icon.svg', '/favicon.ico']);

/**
 * Runs before every request (Next 16's proxy, formerly middleware): refuses Host names Manifold
 * does not answer to (DNS rebinding), sends signed-out visitors of a page to /sign-in, tells the
 * pages who is asking, and puts the security headers (a CSP with a fresh nonce) on every response.
 */
export function proxy(req: NextRequest): NextResponse {
  const cfg = getConfig();
  const nonce = Buffer.from(crypto.getRandomValues(new Uint8Array(16))).toString('base64');
  const headers = securityHeaders({
    nonce,
    https: servedOverHttps(req, cfg),
    dev: process.env.NODE_ENV === 'development',
  });
  const finish = (res: NextResponse): NextResponse => {
    for (const [k, v] of Object.entries(headers)) res.headers.set(k, v);
    return res;
  };
  try {
    checkHost(req, cfg);
  } catch (err) {
    const pub = toPublicError(err);
    return finish(NextResponse.json({ error: pub }, { status: 421 }));
  }
  const path = req.nextUrl.pathname;
  const forwarded = new Headers(req.headers);
  forwarded.delete(PRINCIPAL_HEADER); // only this proxy may say who is asking
  forwarded.set('x-nonce', nonce);
  forwarded.set('Content-Security-Policy', headers['Content-Security-Policy']!);
  if (!path.startsWith('/api/') && !path.startsWith('/_next/')) {
    let principal;
    try {
      principal = identify(req, cfg);
    } catch (err) {
      if (!isAppError(err)) throw err;
    }
    if (!principal && path !== '/sign-in' && !PUBLIC_ASSETS.has(path)) {
      const to = new URL('/sign-in', req.url);
      to.searchParams.set('next', `${path}${req.nextUrl.search}`);
      return finish(NextResponse.redirect(to, 303));
    }
    if (principal) forwarded.set(PRINCIPAL_HEADER, encodeURIComponent(JSON.stringify(principal)));
  }
  return finish(NextResponse.next({ request: { headers: forwarded } }));
}

// Not for the API (its door checks the Host itself) nor Next's static files: their security
// headers come from next.config.mjs, without a nonce, and skipping this saves ~2 ms a request.
export const config = {
  matcher: [{ source: '/((?!api/|_next/static/).*)' }],
};
