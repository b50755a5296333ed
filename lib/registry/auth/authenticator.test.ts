import type http from 'node:http';

import { afterEach, beforeEach, describe, expect, it } from 'vitest';

import {
  startTestServer,
  type SeenRequest,
  type TestServer,
} from '@/test/support/local-http-server';

import { createTransport, type RegistryCredentials, type Transport } from '../transport';
import { createAuthenticator, type Authenticator } from './authenticator';
import { caught } from '@/test/support/caught';

// A fake bearer registry: /v2/* wants `Bearer good-<scope>`; the token server at another origin
// issues `good-<scopes>` for any request, recording what it was asked.
let registry: TestServer;
let tokens: TestServer;
let transport: Transport;
let auth: Authenticator;
let credentials: RegistryCredentials | undefined;

let issued = 0;
function tokenFor(scopes: string[]): string {
  return `good-${scopes.join('+')}~${++issued}`;
}

function bearerRegistry(
  req: SeenRequest,
  res: http.ServerResponse,
  scopeOf: (url: string) => string,
): void {
  const scope = scopeOf(req.url);
  const header = req.headers.authorization ?? '';
  const granted = header.startsWith('Bearer good-')
    ? header.slice('Bearer good-'.length).replace(/~\d+$/, '').split('+')
    : [];
  const ok =
    scope === '' ? header.startsWith('Bearer good-') : granted.some((g) => covers(g, scope));
  if (ok) {
    res.writeHead(200, { 'content-type': 'application/json' }).end('{"ok":true}');
    return;
  }
  const error = header ? ',error="insufficient_scope"' : '';
  res
    .writeHead(401, {
      'www-authenticate': `Bearer realm="${tokens.url}/token",service="fake"${scope ? `,scope="${scope}"` : ''}${error}`,
      'content-type': 'application/json',
    })
    .end('{"errors":[{"code":"UNAUTHORIZED","message":"authentication required"}]}');
}

function covers(granted: string, wanted: string): boolean {
  const [gt, gn, ga] = granted.split(':');
  const [wt, wn, wa] = wanted.split(':');
  return (
    gt === wt && gn === wn && (wa ?? '').split(',').every((a) => (ga ?? '').split(',').includes(a))
  );
}

const scopeOfPath = (url: string): string => {
  const m = /^\/v2\/(.+)\/(manifests|tags|blobs)\//.exec(url);
  if (!m) return '';
  return `repository:${m[1]}:pull`;
};

beforeEach(async () => {
  registry = await startTestServer();
  tokens = await startTestServer();
  credentials = undefined;
  tokens.handle((req, res) => {
    const url = new URL(req.url, tokens.url);
    const scopes = url.searchParams.getAll('scope');
    setTimeout(() => {
      res
        .writeHead(200, { 'content-type': 'application/json' })
        .end(JSON.stringify({ token: tokenFor(scopes), expires_in: 300 }));
    }, 20);
  });
  transport = createTransport({
    // The token server is a configured origin too: a realm elsewhere on loopback is refused.
    registries: (host) =>
      host === registry.host
        ? { host, scheme: 'http', ...(credentials ? { credentials } : {}) }
        : host === tokens.host
          ? { host, scheme: 'http' }
          : undefined,
    retries: 0,
  });
  auth = createAuthenticator({ transport });
});

afterEach(async () => {
  await transport.close();
  await registry.close();
  await tokens.close();
});

describe('bearer', () => {
  it('answers the challenge with a token for the challenged scope and caches it', async () => {
    registry.handle((req, res) => bearerRegistry(req, res, scopeOfPath));
    const req = {
      registry: registry.host,
      method: 'GET',
      path: '/v2/demo/app/tags/list',
      scopes: ['repository:demo/app:pull'],
      expectStatus: 200,
    };
    await (await auth.request(req)).dump();
    await (await auth.request(req)).dump();
    expect(tokens.seen).toHaveLength(1);
    // 401 + retry, then one pre-authorised request.
    expect(registry.seen).toHaveLength(3);
    expect(registry.seen[2]?.headers.authorization).toMatch(
      /^Bearer good-repository:demo\/app:pull~\d+$/,
    );
    expect(auth.state(registry.host)).toMatchObject({ scheme: 'bearer', service: 'fake' });
  });

  it('makes 20 concurrent first requests share one token request', async () => {
    registry.handle((req, res) => bearerRegistry(req, res, scopeOfPath));
    const all = await Promise.all(
      Array.from({ length: 20 }, () =>
        auth.request({
          registry: registry.host,
          method: 'HEAD',
          path: '/v2/demo/app/manifests/latest',
          scopes: ['repository:demo/app:pull'],
        }),
      ),
    );
    expect(all.every((r) => r.status === 200)).toBe(true);
    await Promise.all(all.map((r) => r.dump()));
    expect(tokens.seen).toHaveLength(1);
  });

  it('sends credentials to the token realm only, never to the registry', async () => {
    credentials = { username: 'alice', password: 'wonderland' };
    registry.handle((req, res) => bearerRegistry(req, res, scopeOfPath));
    await (
      await auth.request({
        registry: registry.host,
        method: 'GET',
        path: '/v2/demo/app/manifests/x',
        scopes: ['repository:demo/app:pull'],
      })
    ).dump();
    expect(tokens.seen[0]?.headers.authorization).toBe(
      `Basic ${Buffer.from('alice:wonderland').toString('base64')}`,
    );
    for (const r of registry.seen) expect(r.headers.authorization ?? '').not.toMatch(/^Basic/);
  });

  it('asks again with the union of scopes on insufficient_scope', async () => {
    // The registry wants push where the caller only asked for pull.
    registry.handle((req, res) => bearerRegistry(req, res, () => 'repository:demo/app:pull,push'));
    await (
      await auth.request({
        registry: registry.host,
        method: 'GET',
        path: '/v2/demo/app/tags/list',
        scopes: ['repository:demo/app:pull'],
      })
    ).dump();
    const asked = tokens.seen.map((r) => new URL(r.url, tokens.url).searchParams.getAll('scope'));
    expect(asked).toEqual([['repository:demo/app:pull,push']]);
  });

  it('uses an identity token with the OAuth2 refresh_token grant', async () => {
    credentials = { identityToken: 'refresh-me' };
    tokens.handle((req, res) => {
      const form = new URLSearchParams(req.body.toString());
      res.writeHead(200, { 'content-type': 'application/json' }).end(
        JSON.stringify({
          access_token: tokenFor((form.get('scope') ?? '').split(' ')),
          expires_in: 300,
        }),
      );
    });
    registry.handle((req, res) => bearerRegistry(req, res, scopeOfPath));
    const res = await auth.request({
      registry: registry.host,
      method: 'GET',
      path: '/v2/demo/app/tags/list',
      scopes: ['repository:demo/app:pull'],
    });
    expect(res.status).toBe(200);
    await res.dump();
    expect(tokens.seen[0]?.method).toBe('POST');
    const form = new URLSearchParams(tokens.seen[0]?.body.toString());
    expect(form.get('grant_type')).toBe('refresh_token');
    expect(form.get('refresh_token')).toBe('refresh-me');
    expect(form.get('service')).toBe('fake');
  });

  it('throws UNAUTHORIZED when the token server refuses the credentials, without leaking them', async () => {
    credentials = { username: 'alice', password: 'wrong-password' };
    tokens.handle((_req, res) =>
      res
        .writeHead(401, { 'content-type': 'application/json' })
        .end('{"errors":[{"code":"UNAUTHORIZED"}]}'),
    );
    registry.handle((req, res) => bearerRegistry(req, res, scopeOfPath));
    const err = await caught(
      auth.request({
        registry: registry.host,
        method: 'GET',
        path: '/v2/demo/app/tags/list',
        scopes: ['repository:demo/app:pull'],
      }),
    );
    expect(err.code).toBe('UNAUTHORIZED');
    expect(JSON.stringify(err.toJSON())).not.toContain('wrong-password');
    expect(err.message).toContain('rejected the credentials');
  });

  it('says DENIED when accepted credentials keep getting insufficient_scope', async () => {
    credentials = { username: 'alice', password: 'reader' };
    // The token server grants pull only, whatever is asked.
    tokens.handle((_req, res) =>
      res
        .writeHead(200, { 'content-type': 'application/json' })
        .end(JSON.stringify({ token: tokenFor(['repository:demo/app:pull']), expires_in: 300 })),
    );
    registry.handle((req, res) => bearerRegistry(req, res, () => 'repository:demo/app:pull,push'));
    const err = await caught(
      auth.request({
        registry: registry.host,
        method: 'PUT',
        path: '/v2/demo/app/manifests/v1',
        body: new TextEncoder().encode('{}'),
        scopes: ['repository:demo/app:pull,push'],
      }),
    );
    expect(err.code).toBe('DENIED');
    expect(err.message).toContain('insufficient_scope');
    expect(err.message).toContain('repository:demo/app:pull,push');
    expect(err.message).not.toContain('reader');
  });

  it('stays UNAUTHORIZED (log in) for anonymous callers on insufficient_scope', async () => {
    registry.handle((req, res) => bearerRegistry(req, res, () => 'repository:demo/app:pull,push'));
    tokens.handle((_req, res) =>
      res
        .writeHead(200, { 'content-type': 'application/json' })
        .end(JSON.stringify({ token: tokenFor(['repository:demo/app:pull']), expires_in: 300 })),
    );
    const err = await caught(
      auth.request({
        registry: registry.host,
        method: 'GET',
        path: '/v2/demo/app/manifests/v1',
        scopes: ['repository:demo/app:pull'],
      }),
    );
    expect(err.code).toBe('UNAUTHORIZED');
    expect(err.message).toContain('requires credentials');
  });

  it('refetches when the registry refuses a cached token', async () => {
    let refuse = false;
    registry.handle((req, res) => {
      if (refuse && req.headers.authorization) {
        refuse = false;
        res
          .writeHead(401, {
            'www-authenticate': `Bearer realm="${tokens.url}/token",service="fake",scope="repository:demo/app:pull"`,
          })
          .end();
        return;
      }
      bearerRegistry(req, res, scopeOfPath);
    });
    const req = {
      registry: registry.host,
      method: 'GET',
      path: '/v2/demo/app/tags/list',
      scopes: ['repository:demo/app:pull'],
      expectStatus: 200,
    };
    await (await auth.request(req)).dump();
    refuse = true;
    await (await auth.request(req)).dump();
    expect(tokens.seen).toHaveLength(2);
  });
});

describe('basic', () => {
  beforeEach(() => {
    registry.handle((req, res) => {
      if (req.headers.authorization === `Basic ${Buffer.from('bob:builder').toString('base64')}`)
        res.writeHead(200).end();
      else res.writeHead(401, { 'www-authenticate': 'Basic realm="test"' }).end();
    });
  });

  it('resends with credentials after the challenge, then sends them up front', async () => {
    credentials = { username: 'bob', password: 'builder' };
    await (
      await auth.request({
        registry: registry.host,
        method: 'GET',
        path: '/v2/',
        expectStatus: 200,
      })
    ).dump();
    await (
      await auth.request({
        registry: registry.host,
        method: 'GET',
        path: '/v2/x/tags/list',
        expectStatus: 200,
      })
    ).dump();
    expect(registry.seen.map((r) => r.headers.authorization !== undefined)).toEqual([
      false,
      true,
      true,
    ]);
  });

  it('throws UNAUTHORIZED saying credentials are needed when there are none', async () => {
    const err = await caught(
      auth.request({ registry: registry.host, method: 'GET', path: '/v2/' }),
    );
    expect(err.code).toBe('UNAUTHORIZED');
    expect(err.message).toContain('requires credentials');
  });

  it('takes credentials from the provider when the settings have none', async () => {
    const provided = createAuthenticator({
      transport,
      credentials: (host, repository) =>
        host === registry.host && repository === 'x'
          ? { username: 'bob', password: 'builder' }
          : undefined,
    });
    const res = await provided.request({
      registry: registry.host,
      method: 'GET',
      path: '/v2/x/tags/list',
      repository: 'x',
    });
    expect(res.status).toBe(200);
    await res.dump();
  });

  it('never sends Authorization to an upload location on another host', async () => {
    credentials = { username: 'bob', password: 'builder' };
    await (await auth.request({ registry: registry.host, method: 'GET', path: '/v2/' })).dump();
    tokens.handle((_req, res) => res.writeHead(204).end());
    const res = await auth.request({
      registry: registry.host,
      method: 'PUT',
      url: `${tokens.url}/upload?x=1`,
      body: Buffer.from('a'),
    });
    await res.dump();
    expect(tokens.seen.at(-1)?.headers.authorization).toBeUndefined();
  });
});
