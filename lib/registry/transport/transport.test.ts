import { getEventListeners } from 'node:events';
import { Readable } from 'node:stream';

import { afterEach, beforeEach, describe, expect, it } from 'vitest';

import { startTestServer, type TestServer } from '@/test/support/local-http-server';

import {
  createTransport,
  registryBaseUrl,
  type RequestInfo,
  type Transport,
  type TransportOptions,
} from '.';
import { caught } from '@/test/support/caught';

let server: TestServer;
let other: TestServer;
let transport: Transport;
let requests: RequestInfo[];

function make(opts: Partial<TransportOptions> = {}): Transport {
  requests = [];
  return createTransport({
    registries: (host) =>
      host === server.host || host === other.host ? { host, scheme: 'http' } : undefined,
    retries: 3,
    retryBaseMs: 1,
    maxRetryDelayMs: 200,
    timeoutMs: 2_000,
    onRequest: (info) => requests.push(info),
    ...opts,
  });
}

beforeEach(async () => {
  server = await startTestServer();
  other = await startTestServer();
  transport = make();
});

afterEach(async () => {
  await transport.close();
  await server.close();
  await other.close();
});

describe('retries', () => {
  it('retries a GET after 503 and returns the later success', async () => {
    let n = 0;
    server.handle((_req, res) => {
      n++;
      if (n < 3) res.writeHead(503).end('busy');
      else res.writeHead(200, { 'content-type': 'text/plain' }).end('ok');
    });
    const res = await transport.request({ registry: server.host, method: 'GET', path: '/v2/' });
    expect(res.status).toBe(200);
    expect(Buffer.from(await res.bytes()).toString()).toBe('ok');
    expect(server.seen).toHaveLength(3);
    expect(requests.map((r) => r.status)).toEqual([503, 503, 200]);
  });

  it('honours Retry-After on 429, capped by maxRetryDelayMs', async () => {
    let n = 0;
    server.handle((_req, res) => {
      n++;
      if (n === 1) res.writeHead(429, { 'retry-after': '120' }).end();
      else res.writeHead(200).end();
    });
    const started = Date.now();
    const res = await transport.request({
      registry: server.host,
      method: 'HEAD',
      path: '/v2/x/manifests/a',
    });
    const elapsed = Date.now() - started;
    expect(res.status).toBe(200);
    // 120 s asked, 200 ms cap: the wait is the cap, not the tiny exponential backoff.
    expect(elapsed).toBeGreaterThanOrEqual(180);
    expect(elapsed).toBeLessThan(2_000);
  });

  it('gives up after the retry budget and throws the mapped error', async () => {
    server.handle((_req, res) => {
      res
        .writeHead(500, { 'content-type': 'application/json' })
        .end('{"errors":[{"code":"UNKNOWN","message":"boom"}]}');
    });
    const err = await caught(
      transport.request({ registry: server.host, method: 'GET', path: '/v2/', expectStatus: 200 }),
    );
    expect(err.code).toBe('SERVER_ERROR');
    expect(err.retryable).toBe(true);
    expect(err.status).toBe(500);
    expect(server.seen).toHaveLength(4);
  });

  it('does not retry a POST unless it is marked idempotent', async () => {
    server.handle((_req, res) => res.writeHead(503).end());
    const res = await transport.request({
      registry: server.host,
      method: 'POST',
      path: '/v2/x/blobs/uploads/',
    });
    expect(res.status).toBe(503);
    expect(server.seen).toHaveLength(1);
    await res.dump();

    await transport.request({
      registry: server.host,
      method: 'PUT',
      path: '/v2/x/manifests/t',
      body: Buffer.from('{}'),
      idempotent: true,
    });
    expect(server.seen).toHaveLength(1 + 4);
    expect(server.seen.at(-1)?.body.toString()).toBe('{}');
  });

  it('does not retry a streamed body even when idempotent', async () => {
    server.handle((_req, res) => res.writeHead(503).end());
    const res = await transport.request({
      registry: server.host,
      method: 'PUT',
      path: '/v2/x/blobs/uploads/u',
      body: Readable.from([Buffer.from('abc')]),
      idempotent: true,
    });
    expect(res.status).toBe(503);
    expect(server.seen).toHaveLength(1);
    expect(server.seen[0]?.body.toString()).toBe('abc');
  });

  it('retries after a dropped connection', async () => {
    let n = 0;
    server.handle((_req, res, raw) => {
      n++;
      if (n === 1) raw.socket.destroy();
      else res.writeHead(200).end('fine');
    });
    const res = await transport.request({ registry: server.host, method: 'GET', path: '/v2/' });
    expect(res.status).toBe(200);
    expect(requests[0]?.error).toBe('NETWORK');
  });
});

describe('redirects', () => {
  it('follows a redirect to another host without the Authorization header', async () => {
    server.handle((_req, res) =>
      res.writeHead(307, { location: `${other.url}/blob-data?sig=abc` }).end(),
    );
    other.handle((_req, res) => res.writeHead(200).end('layer'));
    const res = await transport.request({
      registry: server.host,
      method: 'GET',
      path: '/v2/x/blobs/sha256:1',
      headers: { authorization: 'Bearer secret-token' },
    });
    expect(Buffer.from(await res.bytes()).toString()).toBe('layer');
    expect(server.seen[0]?.headers.authorization).toBe('Bearer secret-token');
    expect(other.seen[0]?.headers.authorization).toBeUndefined();
    expect(res.url).toBe(`${other.url}/blob-data?sig=abc`);
  });

  it('keeps the Authorization header on a same-host (relative) redirect', async () => {
    server.handle((req, res) => {
      if (req.url.startsWith('/v2/x/blobs/')) res.writeHead(302, { location: '/storage/1' }).end();
      else res.writeHead(200).end('here');
    });
    const res = await transport.request({
      registry: server.host,
      method: 'GET',
      path: '/v2/x/blobs/sha256:1',
      headers: { authorization: 'Basic abc' },
    });
    expect(res.status).toBe(200);
    await res.dump();
    expect(server.seen[1]?.url).toBe('/storage/1');
    expect(server.seen[1]?.headers.authorization).toBe('Basic abc');
  });

  it('stops after five redirects', async () => {
    server.handle((_req, res) => res.writeHead(302, { location: '/again' }).end());
    const err = await caught(
      transport.request({ registry: server.host, method: 'GET', path: '/v2/' }),
    );
    expect(err.code).toBe('INVALID_RESPONSE');
    expect(server.seen).toHaveLength(6);
  });

  it('does not follow when followRedirects is false', async () => {
    server.handle((_req, res) => res.writeHead(307, { location: '/elsewhere' }).end());
    const res = await transport.request({
      registry: server.host,
      method: 'GET',
      path: '/v2/',
      followRedirects: false,
    });
    expect(res.status).toBe(307);
    expect(res.headers.get('location')).toBe('/elsewhere');
    await res.dump();
  });
});

describe('errors', () => {
  it('maps an OCI error body to its code and keeps errors[]', async () => {
    server.handle((_req, res) =>
      res
        .writeHead(404, { 'content-type': 'application/json' })
        .end(
          '{"errors":[{"code":"MANIFEST_UNKNOWN","message":"manifest unknown","detail":{"Tag":"nope"}}]}',
        ),
    );
    const err = await caught(
      transport.request({
        registry: server.host,
        method: 'GET',
        path: '/v2/x/manifests/nope',
        expectStatus: 200,
      }),
    );
    expect(err.code).toBe('MANIFEST_UNKNOWN');
    expect(err.status).toBe(404);
    expect(err.errors).toEqual([
      { code: 'MANIFEST_UNKNOWN', message: 'manifest unknown', detail: { Tag: 'nope' } },
    ]);
    expect(err.method).toBe('GET');
    expect(err.retryable).toBe(false);
  });

  it('maps a non-JSON 404 by context and status', async () => {
    server.handle((_req, res) => res.writeHead(404).end('404 page not found'));
    const blob = await caught(
      transport.request({
        registry: server.host,
        method: 'GET',
        path: '/v2/x/blobs/sha256:1',
        expectStatus: 200,
        notFound: 'blob',
      }),
    );
    expect(blob.code).toBe('BLOB_UNKNOWN');
    expect(blob.message).toContain('404 page not found');
    server.handle((_req, res) => res.writeHead(405).end());
    const del = await caught(
      transport.request({
        registry: server.host,
        method: 'DELETE',
        path: '/v2/x/manifests/sha256:1',
        expectStatus: 202,
      }),
    );
    expect(del.code).toBe('UNSUPPORTED');
  });

  it('reads at most 64 KiB of an error body', async () => {
    const huge = `{"errors":[{"code":"DENIED","message":"${'x'.repeat(2 * 1024 * 1024)}"}]}`;
    server.handle((_req, res) =>
      res.writeHead(403, { 'content-type': 'application/json' }).end(huge),
    );
    const err = await caught(
      transport.request({ registry: server.host, method: 'GET', path: '/v2/', expectStatus: 200 }),
    );
    // The truncated JSON does not parse, so the status decides; the message carries a bounded excerpt.
    expect(err.code).toBe('DENIED');
    expect(err.message.length).toBeLessThan(1_000);
  });

  it('removes secrets from the URL in errors', async () => {
    server.handle((_req, res) => res.writeHead(401).end());
    const err = await caught(
      transport.request({
        registry: server.host,
        method: 'GET',
        url: `${server.url}/token?access_token=s3cret&scope=x`,
        expectStatus: 200,
      }),
    );
    expect(err.code).toBe('UNAUTHORIZED');
    expect(err.url).not.toContain('s3cret');
    expect(JSON.stringify(err.toJSON())).not.toContain('s3cret');
  });

  it('refuses a registry that is not configured', async () => {
    const err = await caught(
      transport.request({ registry: 'evil.example:443', method: 'GET', path: '/v2/' }),
    );
    expect(err.code).toBe('REGISTRY_NOT_ALLOWED');
    expect(err.details).toEqual({ host: 'evil.example:443', setting: 'allowUnconfigured' });
    expect(server.seen).toHaveLength(0);
  });

  it('maps a refused connection to a retryable NETWORK error', async () => {
    const gone = server.host;
    await server.close();
    const t = make({ retries: 0 });
    const err = await caught(t.request({ registry: gone, method: 'GET', path: '/v2/' }));
    await t.close();
    expect(err.code).toBe('NETWORK');
    expect(err.retryable).toBe(true);
    server = await startTestServer();
  });

  it('throws TOO_LARGE when a body passes the cap', async () => {
    server.handle((_req, res) => res.writeHead(200).end(Buffer.alloc(5000)));
    const res = await transport.request({
      registry: server.host,
      method: 'GET',
      path: '/v2/',
      maxBodyBytes: 4096,
    });
    const err = await caught(res.bytes());
    expect(err.code).toBe('TOO_LARGE');
  });
});

describe('timeouts and cancellation', () => {
  it('times out a request that gets no answer', async () => {
    server.handle(() => undefined);
    const t = make({ timeoutMs: 150, retries: 0 });
    const started = Date.now();
    const err = await caught(t.request({ registry: server.host, method: 'GET', path: '/v2/' }));
    await t.close();
    expect(err.code).toBe('TIMEOUT');
    expect(err.retryable).toBe(true);
    expect(Date.now() - started).toBeLessThan(1_500);
  });

  it('times out a body that stops flowing', async () => {
    server.handle((_req, res) => {
      res.writeHead(200, { 'content-length': '100' });
      res.write('partial');
    });
    const t = make({ timeoutMs: 150, retries: 0 });
    const res = await t.request({ registry: server.host, method: 'GET', path: '/v2/' });
    const err = await caught(res.bytes());
    await t.close();
    expect(err.code).toBe('TIMEOUT');
  });

  it('keeps a slow streamed upload alive while data flows (inactivity timeout)', async () => {
    server.handle((req, res) => res.writeHead(201).end(String(req.body.length)));
    const t = make({ timeoutMs: 200, retries: 0 });
    async function* slow() {
      for (let i = 0; i < 6; i++) {
        await new Promise((r) => setTimeout(r, 80));
        yield Buffer.alloc(1000, i);
      }
    }
    const res = await t.request({
      registry: server.host,
      method: 'PUT',
      path: '/v2/x/blobs/uploads/1',
      headers: { 'content-length': '6000' },
      body: Readable.from(slow()),
    });
    expect(res.status).toBe(201);
    expect(Buffer.from(await res.bytes()).toString()).toBe('6000');
    await t.close();
  });

  it('reports ABORTED when the caller cancels', async () => {
    server.handle(() => undefined);
    const controller = new AbortController();
    setTimeout(() => controller.abort(), 50);
    const err = await caught(
      transport.request({
        registry: server.host,
        method: 'GET',
        path: '/v2/',
        signal: controller.signal,
      }),
    );
    expect(err.code).toBe('ABORTED');
    expect(err.retryable).toBe(false);
  });
});

describe('the caller signal', () => {
  it('carries no listener of a request once its body is read or it failed, however many there were', async () => {
    server.handle((req, res) => {
      if (req.url === '/v2/fail') res.destroy();
      else res.writeHead(200, { 'content-type': 'application/json' }).end('{}');
    });
    const controller = new AbortController();
    const ask = (path: string) =>
      transport.request({ registry: server.host, method: 'GET', path, signal: controller.signal });
    const warnings: Error[] = [];
    const onWarning = (w: Error) => warnings.push(w);
    process.on('warning', onWarning);
    for (let i = 0; i < 30; i++) await (await ask('/v2/')).json();
    await Promise.all(Array.from({ length: 20 }, async () => (await ask('/v2/')).dump()));
    expect((await caught(ask('/v2/fail'))).code).toBe('NETWORK');
    expect(getEventListeners(controller.signal, 'abort')).toHaveLength(0);
    // Twenty at once on one signal is the normal fan-out of a list, not a leak to warn about.
    await new Promise((resolve) => setImmediate(resolve));
    process.off('warning', onWarning);
    expect(warnings.map((w) => w.name)).not.toContain('MaxListenersExceededWarning');
  });

  it('still aborts a body being read when the caller cancels after the headers', async () => {
    server.handle((_req, res) => {
      res.writeHead(200, { 'content-type': 'application/octet-stream' });
      res.write(Buffer.alloc(1024));
    });
    const controller = new AbortController();
    const res = await transport.request({
      registry: server.host,
      method: 'GET',
      path: '/v2/',
      signal: controller.signal,
    });
    setTimeout(() => controller.abort(), 30);
    expect((await caught(res.bytes())).code).toBe('ABORTED');
    expect(getEventListeners(controller.signal, 'abort')).toHaveLength(0);
  });
});

describe('per-registry concurrency', () => {
  it('keeps at most connectionsPerOrigin requests in flight to one registry', async () => {
    await transport.close();
    transport = make({ connectionsPerOrigin: 2 });
    let active = 0;
    let peak = 0;
    server.handle(async (_req, res) => {
      active++;
      peak = Math.max(peak, active);
      await new Promise((r) => setTimeout(r, 20));
      active--;
      res.writeHead(200).end('{}');
    });
    const all = await Promise.all(
      Array.from({ length: 10 }, () =>
        transport.request({ registry: server.host, method: 'GET', path: '/v2/' }),
      ),
    );
    await Promise.all(all.map((r) => r.dump()));
    expect(server.seen).toHaveLength(10);
    expect(peak).toBe(2);
  });
});

describe('request hook', () => {
  it('reports every exchange with method, redacted URL, status and registry', async () => {
    server.handle((_req, res) => res.writeHead(200).end());
    const res = await transport.request({
      registry: server.host,
      method: 'GET',
      url: `${server.url}/v2/?token=abc`,
    });
    await res.dump();
    expect(requests).toHaveLength(1);
    expect(requests[0]).toMatchObject({ method: 'GET', status: 200, registry: server.host });
    expect(requests[0]?.url).not.toContain('abc');
    expect(server.seen[0]?.headers['user-agent']).toMatch(/^manifold/);
  });
});

describe('registryBaseUrl', () => {
  it.each([
    [{ host: 'docker.io', scheme: 'https' as const }, 'https://registry-1.docker.io/'],
    [{ host: 'index.docker.io', scheme: 'https' as const }, 'https://registry-1.docker.io/'],
    [{ host: 'quay.io', scheme: 'https' as const }, 'https://quay.io/'],
    [{ host: '127.0.0.1:5000', scheme: 'http' as const }, 'http://127.0.0.1:5000/'],
    [{ host: '[::1]:5000', scheme: 'http' as const }, 'http://[::1]:5000/'],
    [
      { host: 'docker.io', scheme: 'https' as const, apiHost: 'mirror.example' },
      'https://mirror.example/',
    ],
  ])('%o -> %s (Docker Hub is served from registry-1.docker.io)', (settings, url) => {
    expect(registryBaseUrl(settings).toString()).toBe(url);
  });

  it('sends requests for docker.io to the Docker Hub API host', () => {
    const t = createTransport({ registries: (host) => ({ host, scheme: 'https' }) });
    expect(t.baseUrl('docker.io').host).toBe('registry-1.docker.io');
    void t.close();
  });
});
