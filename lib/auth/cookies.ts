/** The cookie that carries a sign-in. */
export const SESSION_COOKIE = 'manifold_session';
/** The short-lived cookie that carries an OIDC sign-in in progress (PKCE verifier, state, nonce). */
export const OIDC_COOKIE = 'manifold_oidc';

/** Returns the value of cookie `name` in a Cookie header, or undefined. */
export function readCookie(req: Request, name: string): string | undefined {
  const header = req.headers.get('cookie');
  if (!header) return undefined;
  for (const part of header.split(';')) {
    const eq = part.indexOf('=');
    if (eq > 0 && part.slice(0, eq).trim() === name) return part.slice(eq + 1).trim();
  }
  return undefined;
}

/** Returns a Set-Cookie value: httpOnly, SameSite=Lax, Secure when served over HTTPS; maxAge 0 clears it. */
export function cookieHeader(
  name: string,
  value: string,
  opts: { maxAge: number; secure: boolean; path?: string },
): string {
  return [
    `${name}=${value}`,
    `Path=${opts.path ?? '/'}`,
    `Max-Age=${Math.max(0, Math.floor(opts.maxAge))}`,
    'HttpOnly',
    'SameSite=Lax',
    ...(opts.secure ? ['Secure'] : []),
  ].join('; ');
}
