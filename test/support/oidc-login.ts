/**
 * Signs a login name in at a test OpenID provider (test/support/oidc-provider.ts) the way a
 * browser would: follows its redirects with a cookie jar, posts the development login form, and
 * returns the URL the provider sends the browser back to (Manifold's callback with a code).
 */

/** Returns the callback URL (with `code` and `state`) the provider redirects to after `login` signs in. */
export async function loginAtProvider(authorizationUrl: string, login: string): Promise<string> {
  const jar = new Map<string, string>();
  const send = async (url: string, init: RequestInit = {}): Promise<Response> => {
    const cookie = [...jar].map(([k, v]) => `${k}=${v}`).join('; ');
    const res = await fetch(url, {
      ...init,
      redirect: 'manual',
      headers: { ...(init.headers as Record<string, string>), ...(cookie ? { cookie } : {}) },
    });
    for (const c of res.headers.getSetCookie()) {
      const [pair] = c.split(';');
      const eq = pair!.indexOf('=');
      jar.set(pair!.slice(0, eq), pair!.slice(eq + 1));
    }
    return res;
  };
  let url = authorizationUrl;
  for (let hop = 0; hop < 10; hop++) {
    const res = await send(url);
    const location = res.headers.get('location');
    if (res.status === 200 && new URL(url).pathname.startsWith('/interaction/')) {
      await res.text();
      const posted = await send(url, {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        body: new URLSearchParams({ prompt: 'login', login, password: 'any' }).toString(),
      });
      url = new URL(posted.headers.get('location') ?? '', url).href;
      continue;
    }
    if (!location)
      throw new Error(`The provider answered ${res.status} at ${url}: ${await res.text()}`);
    const next = new URL(location, url);
    if (next.pathname.endsWith('/api/auth/oidc/callback')) return next.href;
    url = next.href;
  }
  throw new Error('The provider never sent the browser back to Manifold');
}
