import { expect, test } from './support/fixtures';

const EXPECTED = {
  'x-content-type-options': 'nosniff',
  'referrer-policy': 'same-origin',
  'x-frame-options': 'DENY',
};

test('pages and API answers carry the security headers; the CSP allows only nonced scripts', async ({
  request,
  page,
}) => {
  const html0 = await (await request.get('/')).text();
  const script = /src="(\/_next\/static\/[^"]+\.js)"/.exec(html0)?.[1];
  expect(script).toBeDefined();
  for (const path of ['/', '/activity', '/api/drafts', '/api/nothing-here', script!]) {
    const res = await request.get(path);
    const h = res.headers();
    for (const [k, v] of Object.entries(EXPECTED)) expect([path, k, h[k]]).toEqual([path, k, v]);
    expect(h['permissions-policy'], path).toContain('camera=()');
    // Served over plain HTTP on loopback: no HSTS.
    expect(h['strict-transport-security'], path).toBeUndefined();
    const csp = h['content-security-policy'] ?? '';
    if (path.startsWith('/_next/')) continue; // a script file: its page's policy applies
    expect(csp, path).toContain("frame-ancestors 'none'");
    expect(csp, path).not.toMatch(/unsafe-inline[^;]*;?$|script-src[^;]*unsafe-inline/);
    if (path.startsWith('/api/')) {
      // JSON is never rendered: nothing may load or run from an API answer.
      expect(csp, path).toMatch(/^default-src 'none';/);
      expect(csp, path).not.toContain('script-src');
    } else {
      expect(csp, path).toMatch(/script-src 'self' 'nonce-[A-Za-z0-9+/=]+' 'strict-dynamic'/);
    }
  }

  // Each page gets its own nonce, and Next's own scripts carry it.
  const a = (await request.get('/')).headers()['content-security-policy'];
  const b = (await request.get('/')).headers()['content-security-policy'];
  expect(a).not.toEqual(b);
  const html = await (await request.get('/')).text();
  const nonces = [...html.matchAll(/<script[^>]*nonce="([^"]+)"/g)].map((m) => m[1]);
  expect(nonces.length).toBeGreaterThan(0);
  expect(new Set(nonces).size).toBe(1);

  // The page's scripts run under the policy: the reference box is interactive.
  await page.goto('/');
  await page.getByLabel('Open an image or manifest list').fill('localhost:5000/demo/shazam:latest');
  await page.getByRole('button', { name: 'Open' }).click();
  await expect(page).toHaveURL(/\/image\/localhost:5000\/demo\/shazam:latest$/);
});

test('a request for another Host name is refused (DNS rebinding)', async ({ request }) => {
  const res = await request.get('/', { headers: { host: 'rebound.evil.example' } });
  expect(res.status()).toBe(421);
  // The API's door checks the Host itself (the page proxy does not run for /api).
  for (const path of ['/api/drafts', '/api/activity?limit=1', '/api/tokens']) {
    const api = await request.get(path, { headers: { host: 'rebound.evil.example' } });
    expect([path, api.status()]).toEqual([path, 421]);
  }
});

test('a write from another site is refused by the API itself (the page proxy does not run for /api)', async ({
  request,
}) => {
  const evil = { origin: 'http://evil.example' };
  // A hostile page's form post: another origin, and not JSON.
  const form = await request.post('/api/drafts', {
    headers: { ...evil, 'content-type': 'application/x-www-form-urlencoded' },
    data: 'name=planted',
  });
  // Its fetch() with JSON from another origin, and a request that says neither Origin nor same-origin.
  const json = await request.post('/api/drafts', { headers: evil, data: { name: 'planted' } });
  const anonymous = await request.post('/api/drafts', {
    headers: { 'sec-fetch-site': 'cross-site' },
    data: { name: 'planted' },
  });
  for (const res of [form, json, anonymous]) {
    expect(res.status()).toBe(403);
    expect(((await res.json()) as { error: { code: string } }).error.code).toBe('CROSS_ORIGIN');
    expect(res.headers()['content-security-policy']).toMatch(/^default-src 'none';/);
  }
  const drafts = (await (await request.get('/api/drafts')).json()) as
    | { name: string }[]
    | {
        drafts: { name: string }[];
      };
  const names = (Array.isArray(drafts) ? drafts : drafts.drafts).map((d) => d.name);
  expect(names).not.toContain('planted');
});
