import net from 'node:net';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';

import { NextRequest } from 'next/server';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';

import type * as InspectRoute from '@/app/api/inspect/route';
import {
  createRegistryClient,
  type RegistryClient,
  type RegistrySettings,
  type Resolver,
  type SocketConnector,
  type TransportOptions,
} from '@/lib/registry';
import { caught } from '@/test/support/caught';
import { respond, startFaultServer, type FaultServer } from '@/test/support/fault-server';
import { createTlsCertificates } from '@/test/support/tls';

// The route handlers import 'server-only', which throws outside Next's server bundles.
vi.mock('server-only', () => ({}));

let hostile: FaultServer;
let victim: FaultServer;
let tokens: FaultServer;
let dataDir: string;
const clients: RegistryClient[] = [];

beforeAll(async () => {
  hostile = await startFaultServer();
  victim = await startFaultServer();
  tokens = await startFaultServer();
  dataDir = await mkdtemp(path.join(os.tmpdir(), 'manifold-outbound-'));
  process.env.MANIFOLD_REGISTRIES = hostile.host;
  process.env.MANIFOLD_DATA_DIR = dataDir;
  process.env.MANIFOLD_DOCKER_CREDENTIALS = 'false';
});

afterEach(async () => {
  await Promise.all(clients.splice(0).map((c) => c.close()));
  for (const s of [hostile, victim, tokens]) s.reset();
});

afterAll(async () => {
  for (const s of [hostile, victim, tokens]) await s?.close();
  if (dataDir) await rm(dataDir, { recursive: true, force: true });
});

/** Every socket the transport would open, recorded; none is ever opened outside loopback. */
function recordingConnector(attempts: string[]): (tls: unknown) => SocketConnector {
  return () => (opts, callback) => {
    attempts.push(opts.hostname);
    callback(new Error(`test connector: refusing to open ${opts.hostname}`), null);
  };
}

function client(
  registries: Record<string, Partial<RegistrySettings>>,
  options: Partial<TransportOptions> = {},
): RegistryClient {
  const c = createRegistryClient({
    retries: 0,
    registries: (host) =>
      registries[host] ? { host, scheme: 'http', ...registries[host] } : undefined,
    ...options,
  });
  clients.push(c);
  return c;
}

/** GET /v2/ through the client's authenticator (ping() reports failures as values). */
async function v2(c: RegistryClient, registry: string): Promise<void> {
  const res = await c.auth.request({ registry, method: 'GET', path: '/v2/', expectStatus: 200 });
  await res.dump();
}

describe('unconfigured hosts', () => {
  it('refuses an unconfigured loopback port through /api/inspect; the port accepts nothing', async () => {
    const route: typeof InspectRoute = await import('@/app/api/inspect/route');
    const ref = `${victim.host}/x/y:z`;
    const res = await route.GET(
      new NextRequest(
        new URL(`/api/inspect?ref=${encodeURIComponent(ref)}`, 'http://127.0.0.1:3000'),
        { headers: { host: '127.0.0.1:3000' } },
      ),
    );
    const body = (await res.json()) as { error: { code: string; message: string } };
    expect(res.status).toBe(403);
    expect(body.error.code).toBe('REGISTRY_NOT_ALLOWED');
    expect(body.error.message).toContain(victim.host);
    expect(body.error.message).toContain('allowUnconfigured');
    expect(victim.connections()).toBe(0);
  });

  it.each(['127.1', '0x7f.0.0.1', '2130706433', '[::ffff:127.0.0.1]', 'victim.test'])(
    '%s:PORT is refused even with allowUnconfigured: public, and the port accepts nothing',
    async (name) => {
      const resolve: Resolver = (hostname) =>
        Promise.resolve(hostname === 'victim.test' ? [{ address: '127.0.0.1', family: 4 }] : []);
      const c = client({}, { allowUnconfigured: 'public', resolve });
      const err = await caught(v2(c, `${name}:${victim.port}`));
      expect(err.code).toBe('REGISTRY_NOT_ALLOWED');
      expect(err.details).toMatchObject({ setting: 'registries' });
      expect(victim.connections()).toBe(0);
    },
  );

  it.each([
    ['intranet.test', '10.0.0.1'],
    ['metadata.test', '169.254.169.254'],
    ['cgnat.test', '100.64.0.1'],
    ['mapped.test', '::ffff:10.0.0.1'],
  ])('%s resolving to %s is refused before any connection is attempted', async (name, address) => {
    const attempts: string[] = [];
    const resolve: Resolver = () =>
      Promise.resolve([{ address, family: address.includes(':') ? 6 : 4 }]);
    const c = client(
      {},
      { allowUnconfigured: 'public', resolve, connectSocket: recordingConnector(attempts) },
    );
    const err = await caught(v2(c, `${name}:5000`));
    expect(err.code).toBe('REGISTRY_NOT_ALLOWED');
    expect(err.message).toContain(address);
    expect(attempts).toEqual([]);
  });

  it('lets a public answer through to the socket connector (which the test never opens)', async () => {
    const attempts: string[] = [];
    const resolve: Resolver = () => Promise.resolve([{ address: '93.184.216.34', family: 4 }]);
    const c = client(
      {},
      { allowUnconfigured: 'public', resolve, connectSocket: recordingConnector(attempts) },
    );
    const err = await caught(v2(c, 'public.test'));
    expect(err.code).toBe('NETWORK');
    expect(attempts).toEqual(['93.184.216.34']);
  });
});

describe('hops a configured registry names', () => {
  const configured = () => ({ [hostile.host]: {} });

  it('refuses a token realm on an unconfigured loopback port', async () => {
    hostile.on({ path: '/v2/', respond: respond.challenge(`${victim.url}/token`) });
    const err = await caught(v2(client(configured()), hostile.host));
    expect(err.code).toBe('REGISTRY_NOT_ALLOWED');
    expect(err.message).toContain(victim.host);
    expect(victim.connections()).toBe(0);
  });

  it('refuses a redirect to an unconfigured loopback port', async () => {
    hostile.on({
      path: /^\/v2\/x\/manifests\//,
      respond: respond.redirect(307, (req) => `${victim.url}${req.url}`),
    });
    const err = await caught(
      client(configured()).getManifest({ registry: hostile.host, repository: 'x' }, 'latest'),
    );
    expect(err.code).toBe('REGISTRY_NOT_ALLOWED');
    expect(victim.connections()).toBe(0);
  });

  it('refuses an upload Location on an unconfigured loopback port', async () => {
    const blob = Buffer.from('layer');
    hostile.on({ method: 'HEAD', path: /\/blobs\//, respond: respond.status(404) });
    hostile.on({
      method: 'POST',
      path: /^\/v2\/x\/blobs\/uploads\//,
      respond: respond.uploadLocation(`${victim.url}/upload/1`),
    });
    const { sha256Digest } = await import('@/lib/registry');
    const err = await caught(
      client(configured()).uploadBlob(
        { registry: hostile.host, repository: 'x' },
        sha256Digest(blob),
        blob.length,
        blob,
      ),
    );
    expect(err.code).toBe('REGISTRY_NOT_ALLOWED');
    expect(victim.connections()).toBe(0);
  });

  it('never re-sends a PUT body to another origin on a 307', async () => {
    hostile.on({
      method: 'PUT',
      path: /^\/v2\/x\/manifests\//,
      respond: respond.redirect(307, (req) => `${tokens.url}${req.url}`),
    });
    const c = client({ [hostile.host]: {}, [tokens.host]: {} });
    const err = await caught(
      c.putManifest(
        { registry: hostile.host, repository: 'x' },
        'v1',
        Buffer.from(
          '{"schemaVersion":2,"mediaType":"application/vnd.oci.image.index.v1+json","manifests":[]}',
        ),
        'application/vnd.oci.image.index.v1+json',
      ),
    );
    expect(err.code).toBe('REGISTRY_NOT_ALLOWED');
    expect(tokens.requests).toHaveLength(0);
  });

  it('does not give registry A’s credentials to a host A redirected to that challenges', async () => {
    // A wants Basic credentials, then redirects the blob to B; B challenges with its own realm.
    const basic = `Basic ${Buffer.from('alice:a-secret').toString('base64')}`;
    hostile.on({
      path: /^\/v2\/x\/blobs\//,
      respond: (ctx) =>
        ctx.req.headers.authorization === basic
          ? respond.redirect(307, `${victim.url}/storage/blob`)(ctx)
          : respond.challenge('a', {}, 'Basic')(ctx),
    });
    victim.on({ path: '/storage/blob', respond: respond.challenge(`${tokens.url}/token`) });
    tokens.on({ path: '/token', respond: respond.json(200, { token: 't' }) });
    const c = client({
      [hostile.host]: { credentials: { username: 'alice', password: 'a-secret' } },
      [victim.host]: {},
      [tokens.host]: {},
    });
    const err = await caught(
      c.getBlobBytes({ registry: hostile.host, repository: 'x' }, `sha256:${'0'.repeat(64)}`),
    );
    expect(err.code).toBe('UNAUTHORIZED');
    expect(tokens.requests).toHaveLength(0);
    for (const r of victim.requests) expect(r.headers.authorization).toBeUndefined();
  });

  it('follows a blob redirect to object storage at a public address', async () => {
    const blob = Buffer.from('object storage bytes');
    const { sha256Digest } = await import('@/lib/registry');
    hostile.on({
      path: /^\/v2\/x\/blobs\//,
      respond: respond.redirect(307, `http://storage.test:${victim.port}/bucket/blob?sig=1`),
    });
    victim.on({ path: '/bucket/blob', respond: respond.status(200, {}, blob.toString()) });
    // storage.test "resolves" to a public address; the test's connector carries that one
    // connection to the local victim server instead, and refuses anything else.
    const attempts: string[] = [];
    const c = client(configured(), {
      resolve: () => Promise.resolve([{ address: '93.184.216.34', family: 4 }]),
      connectSocket: () => (opts, callback) => {
        attempts.push(opts.hostname);
        const target = opts.hostname === '93.184.216.34' ? '127.0.0.1' : opts.hostname;
        if (target !== '127.0.0.1') {
          callback(new Error('outside loopback'), null);
          return;
        }
        const socket = net.connect({ host: '127.0.0.1', port: Number(opts.port) });
        socket.once('connect', () => callback(null, socket));
        socket.once('error', (e) => callback(e, null));
      },
    });
    const bytes = await c.getBlobBytes(
      { registry: hostile.host, repository: 'x' },
      sha256Digest(blob),
    );
    expect(Buffer.from(bytes).toString()).toBe(blob.toString());
    expect(attempts).toContain('93.184.216.34');
  });
});

describe('HTTPS registries', () => {
  let tlsHostile: FaultServer;
  let caFile: string;
  let certDir: string;

  beforeAll(async () => {
    certDir = await mkdtemp(path.join(os.tmpdir(), 'manifold-outbound-tls-'));
    const certs = await createTlsCertificates(certDir);
    caFile = certs.caFile;
    const { readFile } = await import('node:fs/promises');
    tlsHostile = await startFaultServer({
      tls: {
        cert: await readFile(certs.certFile, 'utf8'),
        key: await readFile(certs.keyFile, 'utf8'),
      },
    });
  });

  afterAll(async () => {
    await tlsHostile?.close();
    if (certDir) await rm(certDir, { recursive: true, force: true });
  });

  it('refuses an http: realm for an https: registry, even to a configured host', async () => {
    tlsHostile.on({ path: '/v2/', respond: respond.challenge(`${tokens.url}/token`) });
    tokens.on({ path: '/token', respond: respond.json(200, { token: 't' }) });
    const c = client({
      [tlsHostile.host]: { scheme: 'https', caFile },
      [tokens.host]: {},
    });
    const err = await caught(v2(c, tlsHostile.host));
    expect(err.code).toBe('REGISTRY_NOT_ALLOWED');
    expect(err.message).toContain('HTTPS down to plain HTTP');
    expect(tokens.connections()).toBe(0);
  });

  it('does not lend the registry’s tlsVerify: false to the host it redirects to', async () => {
    const { readFile } = await import('node:fs/promises');
    // Same certificate (unknown to the system roots); the target is configured with default TLS.
    const other = await startFaultServer({
      tls: {
        cert: await readFile(path.join(certDir, 'server.pem'), 'utf8'),
        key: await readFile(path.join(certDir, 'server-key.pem'), 'utf8'),
      },
    });
    try {
      tlsHostile.on({
        path: /^\/v2\/x\/blobs\//,
        respond: respond.redirect(307, `${other.url}/blob`),
      });
      other.on({ path: '/blob', respond: respond.status(200, {}, 'x') });
      const c = client({
        [tlsHostile.host]: { scheme: 'https', insecureSkipVerify: true },
        [other.host]: { scheme: 'https' },
      });
      const err = await caught(
        c.getBlobBytes({ registry: tlsHostile.host, repository: 'x' }, `sha256:${'1'.repeat(64)}`),
      );
      expect(err.code).toBe('NETWORK');
      expect(err.message).toContain('TLS');
      expect(tlsHostile.requests.length).toBeGreaterThan(0);
      expect(other.requests).toHaveLength(0);
    } finally {
      await other.close();
    }
  });
});
