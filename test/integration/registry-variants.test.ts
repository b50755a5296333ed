import { readFile } from 'node:fs/promises';
import https from 'node:https';

import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { sha256Digest } from '@/lib/registry';
import { seedDemo } from '@/scripts/seed-lib';
import { SeedClient } from '@/scripts/seed-client';
import { blobGets, countRequests } from '@/test/support/access-log';
import { startRegistry, type StartedRegistry } from '@/test/support/registry';

let plain: StartedRegistry;
let basic: StartedRegistry;
let token: StartedRegistry;
let tls: StartedRegistry;

beforeAll(async () => {
  [plain, basic, token, tls] = await Promise.all([
    startRegistry({ variant: 'plain' }),
    startRegistry({ variant: 'basic' }),
    startRegistry({ variant: 'token' }),
    startRegistry({ variant: 'tls' }),
  ]);
});

afterAll(async () => {
  await Promise.all([plain, basic, token, tls].map((r) => r?.stop()));
});

function basicAuth(user: string | undefined, password: string | undefined): string {
  return `Basic ${Buffer.from(`${user ?? ''}:${password ?? ''}`).toString('base64')}`;
}

function httpsGet(url: string, ca?: Buffer): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    https
      .get(url, { ca, agent: false }, (res) => {
        let body = '';
        res.setEncoding('utf8');
        res.on('data', (c: string) => (body += c));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
      })
      .on('error', reject);
  });
}

async function getToken(
  registry: StartedRegistry,
  scopes: string[],
  credentials?: { user?: string; password?: string },
): Promise<Response> {
  const server = registry.tokenServer;
  if (!server) throw new Error('not a token registry');
  const url = new URL(server.realm);
  url.searchParams.set('service', server.service);
  for (const scope of scopes) url.searchParams.append('scope', scope);
  return fetch(
    url,
    credentials
      ? { headers: { Authorization: basicAuth(credentials.user, credentials.password) } }
      : {},
  );
}

describe('plain registry', () => {
  it('answers GET /v2/ with 200 and no challenge', async () => {
    expect(plain.url).toBe(`http://127.0.0.1:${plain.port}`);
    expect(plain.host).toBe(`127.0.0.1:${plain.port}`);
    const res = await fetch(`${plain.url}/v2/`);
    expect(res.status).toBe(200);
    expect(res.headers.get('www-authenticate')).toBeNull();
    expect(res.headers.get('docker-distribution-api-version')).toBe('registry/2.0');
  });

  it('records requests in the access log, classified, and clears it', async () => {
    await plain.clearAccessLog();
    const client = new SeedClient({ url: plain.url });
    const blob = Buffer.from('access log test blob\n');
    const digest = sha256Digest(blob);
    try {
      await client.pushBlob('test/log', blob, digest);
    } finally {
      client.close();
    }
    expect((await fetch(`${plain.url}/v2/test/log/blobs/${digest}`)).status).toBe(200);
    expect((await fetch(`${plain.url}/v2/test/log/manifests/nope`)).status).toBe(404);
    expect((await fetch(`${plain.url}/v2/test/log/tags/list`)).status).toBe(404);
    expect((await fetch(`${plain.url}/v2/_catalog`)).status).toBe(200);

    const log = await plain.accessLog();
    expect(log.map((e) => `${e.method} ${e.kind} ${e.status}`)).toEqual([
      'HEAD blob 404',
      'POST upload 202',
      'PUT upload 201',
      'GET blob 200',
      'GET manifest 404',
      'GET tags 404',
      'GET catalog 200',
    ]);
    expect(blobGets(log)).toEqual([
      expect.objectContaining({
        repository: 'test/log',
        digest,
        path: `/v2/test/log/blobs/${digest}`,
      }),
    ]);
    expect(countRequests(log, { kind: 'upload' })).toBe(2);
    expect(countRequests(log, { repository: 'test/log' })).toBe(6);
    expect(Date.now() - Date.parse(log[0]?.time ?? '')).toBeLessThan(60_000);

    await plain.clearAccessLog();
    expect(await plain.accessLog()).toEqual([]);
  });

  it('keeps its port and data across restart()', async () => {
    const blob = Buffer.from('survives a restart\n');
    const client = new SeedClient({ url: plain.url });
    try {
      await client.pushBlob('test/restart', blob);
    } finally {
      client.close();
    }
    const port = plain.port;
    await plain.restart();
    expect(plain.port).toBe(port);
    const res = await fetch(`${plain.url}/v2/test/restart/blobs/${sha256Digest(blob)}`, {
      method: 'HEAD',
    });
    expect(res.status).toBe(200);
  });
});

describe('basic-auth registry', () => {
  it('challenges anonymous requests with Basic', async () => {
    const res = await fetch(`${basic.url}/v2/`);
    expect(res.status).toBe(401);
    expect(res.headers.get('www-authenticate')).toMatch(/^Basic realm="[^"]+"/);
  });

  it('accepts the valid credentials and refuses wrong ones', async () => {
    expect(basic.username).toBeTruthy();
    const ok = await fetch(`${basic.url}/v2/`, {
      headers: { Authorization: basicAuth(basic.username, basic.password) },
    });
    expect(ok.status).toBe(200);
    const wrong = await fetch(`${basic.url}/v2/`, {
      headers: { Authorization: basicAuth(basic.username, 'wrong') },
    });
    expect(wrong.status).toBe(401);
    const log = await basic.accessLog();
    expect(countRequests(log, { kind: 'base', status: 401 })).toBeGreaterThanOrEqual(2);
    expect(countRequests(log, { kind: 'base', status: 200 })).toBeGreaterThanOrEqual(1);
  });
});

describe('token-auth registry', () => {
  it('challenges anonymous requests with Bearer pointing at the token server', async () => {
    const server = token.tokenServer;
    expect(server?.realm).toBe(`${server?.url}/token`);
    const res = await fetch(`${token.url}/v2/`);
    expect(res.status).toBe(401);
    expect(res.headers.get('www-authenticate')).toBe(
      `Bearer realm="${server?.realm}",service="${server?.service}"`,
    );
    const repo = await fetch(`${token.url}/v2/demo/single/manifests/1.0`);
    expect(repo.headers.get('www-authenticate')).toContain('scope="repository:demo/single:pull"');
  });

  it('issues tokens that open /v2/, and counts the requests', async () => {
    token.tokenServer?.reset();
    const res = await getToken(token, [], { user: token.username, password: token.password });
    expect(res.status).toBe(200);
    const body = (await res.json()) as {
      token: string;
      access_token: string;
      expires_in: number;
      issued_at: string;
    };
    expect(body.token).toBe(body.access_token);
    expect(body.expires_in).toBeGreaterThan(0);
    expect(Date.parse(body.issued_at)).not.toBeNaN();
    const v2 = await fetch(`${token.url}/v2/`, {
      headers: { Authorization: `Bearer ${body.token}` },
    });
    expect(v2.status).toBe(200);
    expect(token.tokenServer?.tokenRequests()).toBe(1);
  });

  it('refuses wrong credentials at the token server', async () => {
    const res = await getToken(token, ['repository:demo/single:pull'], {
      user: token.username,
      password: 'wrong',
    });
    expect(res.status).toBe(401);
  });

  it('lets credentials push (seed) and anonymous pull, but not anonymous push', async () => {
    const seeded = await seedDemo({
      url: token.url,
      username: token.username,
      password: token.password,
    });
    expect(seeded['demo/single:1.0']).toMatch(/^sha256:/);

    const anonymous = (await (
      await getToken(token, ['repository:demo/single:pull,push'])
    ).json()) as { token: string };
    const pull = await fetch(`${token.url}/v2/demo/single/manifests/1.0`, {
      headers: {
        Authorization: `Bearer ${anonymous.token}`,
        Accept: 'application/vnd.oci.image.manifest.v1+json',
      },
    });
    expect(pull.status).toBe(200);
    expect(pull.headers.get('docker-content-digest')).toBe(seeded['demo/single:1.0']);

    const push = await fetch(`${token.url}/v2/demo/single/blobs/uploads/`, {
      method: 'POST',
      headers: { Authorization: `Bearer ${anonymous.token}` },
    });
    expect(push.status).toBe(401);
    expect(push.headers.get('www-authenticate')).toContain('error="insufficient_scope"');
  });
});

describe('TLS registry', () => {
  it('answers over https for a client that trusts the CA, by IP and by localhost', async () => {
    expect(tls.url).toBe(`https://127.0.0.1:${tls.port}`);
    expect(tls.caFile).toBeTruthy();
    const ca = await readFile(tls.caFile ?? '');
    expect(await httpsGet(`${tls.url}/v2/`, ca)).toEqual({ status: 200, body: '{}' });
    expect((await httpsGet(`https://localhost:${tls.port}/v2/`, ca)).status).toBe(200);
  });

  it('fails certificate validation without the CA', async () => {
    await expect(httpsGet(`${tls.url}/v2/`)).rejects.toMatchObject({
      code: expect.stringMatching(
        /UNABLE_TO_VERIFY_LEAF_SIGNATURE|SELF_SIGNED_CERT_IN_CHAIN|UNABLE_TO_GET_ISSUER_CERT/,
      ) as unknown,
    });
  });

  it('records the https requests in the access log', async () => {
    const log = await tls.accessLog();
    expect(countRequests(log, { kind: 'base', status: 200 })).toBeGreaterThanOrEqual(2);
  });
});
