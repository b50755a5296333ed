// Cases a real distribution registry cannot produce (lying digests, missing headers, truncated
// bodies, other registries' pagination), against a small fake registry on 127.0.0.1.
import { readFileSync } from 'node:fs';
import path from 'node:path';

import { afterEach, beforeEach, describe, expect, it } from 'vitest';

import { startTestServer, type TestServer } from '@/test/support/local-http-server';

import { createRegistryClient, type RegistryClient } from './client';
import { sha256Digest } from './hash';
import { MediaType } from './media-types';
import { caught } from '@/test/support/caught';

let server: TestServer;
let storage: TestServer;
let client: RegistryClient;

const manifest = Buffer.from(
  JSON.stringify({
    schemaVersion: 2,
    mediaType: MediaType.OciManifest,
    config: { mediaType: MediaType.OciConfig, digest: sha256Digest('{}'), size: 2 },
    layers: [],
  }),
);
const digest = sha256Digest(manifest);

beforeEach(async () => {
  server = await startTestServer();
  storage = await startTestServer();
  client = createRegistryClient({
    // Storage is configured too: redirects to an unconfigured loopback port are refused.
    registries: (host) =>
      host === server.host
        ? { host, scheme: 'http', credentials: { username: 'u', password: 'p' } }
        : host === storage.host
          ? { host, scheme: 'http' }
          : undefined,
    retries: 0,
  });
});

afterEach(async () => {
  await client.close();
  await server.close();
  await storage.close();
});

const repo = () => ({ registry: server.host, repository: 'demo/app' });

describe('listing', () => {
  it('follows relative Link headers as opaque cursors', async () => {
    const pages: Record<string, { tags: string[]; link?: string }> = {
      '/v2/demo/app/tags/list?n=2': {
        tags: ['b', 'a'],
        link: '</v2/demo/app/tags/list?n=2&last=a>; rel="next"',
      },
      '/v2/demo/app/tags/list?n=2&last=a': { tags: ['c'] },
    };
    server.handle((req, res) => {
      const page = pages[req.url];
      if (!page) return res.writeHead(404).end();
      return res
        .writeHead(200, {
          'content-type': 'application/json',
          ...(page.link ? { link: page.link } : {}),
        })
        .end(JSON.stringify({ name: 'demo/app', tags: page.tags }));
    });
    const first = await client.listTags(repo(), { n: 2 });
    expect(first).toEqual({ tags: ['b', 'a'], next: '/v2/demo/app/tags/list?n=2&last=a' });
    expect(await client.listTags(repo(), { cursor: first.next ?? '' })).toEqual({ tags: ['c'] });
  });

  it('reads "tags": null as no tags', async () => {
    server.handle((_req, res) =>
      res
        .writeHead(200, { 'content-type': 'application/json' })
        .end('{"name":"demo/app","tags":null}'),
    );
    expect(await client.listTags(repo())).toEqual({ tags: [] });
  });

  it('maps a registry without _catalog to UNSUPPORTED', async () => {
    server.handle((_req, res) => res.writeHead(404).end('404 page not found'));
    const err = await caught(client.listRepositories(server.host));
    expect(err.code).toBe('UNSUPPORTED');
    expect(err.message).toContain('does not list its repositories');
  });

  it('maps a catalog refused despite credentials to UNSUPPORTED (Docker Hub, GHCR)', async () => {
    server.handle((req, res) => {
      if (req.url.startsWith('/token'))
        return res.writeHead(200, { 'content-type': 'application/json' }).end('{"token":"t"}');
      return res
        .writeHead(401, {
          'www-authenticate': `Bearer realm="${server.url}/token",service="x",scope="registry:catalog:*"`,
        })
        .end();
    });
    expect((await caught(client.listRepositories(server.host))).code).toBe('UNSUPPORTED');
  });
});

describe('listing with wrong credentials', () => {
  it('says UNAUTHORIZED, not "no catalog", when a Basic registry refuses the credentials', async () => {
    server.handle((_req, res) =>
      res.writeHead(401, { 'www-authenticate': 'Basic realm="registry"' }).end(),
    );
    const err = await caught(client.listRepositories(server.host));
    expect(err.code).toBe('UNAUTHORIZED');
    expect(err.message).toContain('rejected the credentials');
  });

  it('says UNAUTHORIZED, not "no catalog", when the token server refuses the credentials', async () => {
    server.handle((req, res) => {
      if (req.url.startsWith('/token')) return res.writeHead(401).end();
      return res
        .writeHead(401, {
          'www-authenticate': `Bearer realm="${server.url}/token",service="x",scope="registry:catalog:*"`,
        })
        .end();
    });
    const err = await caught(client.listRepositories(server.host));
    expect(err.code).toBe('UNAUTHORIZED');
    expect(err.message).toContain('rejected the credentials');
  });
});

describe('manifests', () => {
  it('falls back to GET and hashing when HEAD has no Docker-Content-Digest', async () => {
    server.handle((req, res) => {
      res.writeHead(200, {
        'content-type': MediaType.OciManifest,
        'content-length': String(manifest.length),
      });
      res.end(req.method === 'HEAD' ? undefined : manifest);
    });
    expect(await client.headManifest(repo(), 'v1')).toEqual({
      digest,
      mediaType: MediaType.OciManifest,
      size: manifest.length,
    });
    expect(server.seen.map((r) => r.method)).toEqual(['HEAD', 'GET']);
  });

  it('refuses a manifest whose Docker-Content-Digest lies', async () => {
    server.handle((_req, res) =>
      res
        .writeHead(200, {
          'content-type': MediaType.OciManifest,
          'docker-content-digest': sha256Digest('other'),
        })
        .end(manifest),
    );
    expect((await caught(client.getManifest(repo(), 'v1'))).code).toBe('DIGEST_MISMATCH');
  });

  it('refuses a manifest that does not hash to the requested digest', async () => {
    server.handle((_req, res) =>
      res.writeHead(200, { 'content-type': MediaType.OciManifest }).end(manifest),
    );
    expect((await caught(client.getManifest(repo(), sha256Digest('other')))).code).toBe(
      'DIGEST_MISMATCH',
    );
  });

  it('refuses manifests over 4 MiB while streaming, whatever Content-Length says', async () => {
    server.handle((_req, res) => {
      res.writeHead(200, { 'content-type': MediaType.OciManifest });
      const chunk = Buffer.alloc(1024 * 1024, 32);
      for (let i = 0; i < 5; i++) res.write(chunk);
      res.end();
    });
    expect((await caught(client.getManifest(repo(), 'big'))).code).toBe('TOO_LARGE');
  });

  it('refuses a PUT answer naming another digest', async () => {
    server.handle((_req, res) =>
      res.writeHead(201, { 'docker-content-digest': sha256Digest('x') }).end(),
    );
    expect(
      (await caught(client.putManifest(repo(), 'v1', manifest, MediaType.OciManifest))).code,
    ).toBe('DIGEST_MISMATCH');
    expect(server.seen[0]?.headers['content-type']).toBe(MediaType.OciManifest);
  });

  it('PUTs with the body mediaType as Content-Type, and refuses to send another', async () => {
    server.handle((_req, res) => res.writeHead(201, { 'docker-content-digest': digest }).end());
    expect(await client.putManifest(repo(), 'v1', manifest, MediaType.OciManifest)).toEqual({
      digest,
    });
    expect(server.seen[0]?.headers['content-type']).toBe(MediaType.OciManifest);
    const err = await caught(client.putManifest(repo(), 'v1', manifest, MediaType.DockerManifest));
    expect(err.code).toBe('INVALID_ARGUMENT');
    expect(err.message).toContain(MediaType.OciManifest);
    expect(server.seen).toHaveLength(1);
  });

  it('refuses a schema1 manifest with a message saying what to do', async () => {
    const schema1 = readFileSync(
      path.join(import.meta.dirname, 'testdata/manifests/schema1-signed.json'),
    );
    server.handle((_req, res) =>
      res.writeHead(200, { 'content-type': MediaType.DockerSchema1Signed }).end(schema1),
    );
    const err = await caught(client.getManifest(repo(), 'old'));
    expect(err.code).toBe('SCHEMA1_UNSUPPORTED');
    expect(err.message).toContain('schema 1');
    expect(err.message).toContain('Re-push');
    expect(server.seen[0]?.headers.accept).toContain(MediaType.DockerSchema1Signed);
  });

  it('keeps an index child of an unknown media type as it is', async () => {
    const future = {
      mediaType: 'application/vnd.example.future.manifest.v9+json',
      digest: sha256Digest('future'),
      size: 77,
      'x-vendor': { kept: true },
    };
    const index = Buffer.from(
      JSON.stringify({ schemaVersion: 2, mediaType: MediaType.OciIndex, manifests: [future] }),
    );
    server.handle((_req, res) =>
      res.writeHead(200, { 'content-type': MediaType.OciIndex }).end(index),
    );
    const { parsed } = await client.getManifest(repo(), 'future');
    if (parsed.kind !== 'index') throw new Error('expected an index');
    expect(parsed.manifests).toEqual([future]);
    expect(Buffer.from(parsed.raw).equals(index)).toBe(true);
  });

  it('explains a 405 on delete as DELETE_DISABLED', async () => {
    server.handle((_req, res) =>
      res
        .writeHead(405, { 'content-type': 'application/json' })
        .end('{"errors":[{"code":"UNSUPPORTED","message":"The operation is unsupported."}]}'),
    );
    const err = await caught(client.deleteManifest(repo(), digest));
    expect(err.code).toBe('DELETE_DISABLED');
    expect(err.errors[0]?.code).toBe('UNSUPPORTED');
  });
});

describe('blobs', () => {
  const blob = Buffer.from('the real layer bytes');
  const blobDigest = sha256Digest(blob);

  it('follows a blob redirect to storage without sending credentials there', async () => {
    server.handle((req, res) => {
      if (req.headers.authorization === undefined)
        return res.writeHead(401, { 'www-authenticate': 'Basic realm="r"' }).end();
      return res
        .writeHead(307, { location: `${storage.url}/bucket/blob?X-Amz-Signature=s3cr3t` })
        .end();
    });
    storage.handle((_req, res) =>
      res.writeHead(200, { 'content-length': String(blob.length) }).end(blob),
    );
    const opened = await client.openBlob(repo(), blobDigest);
    const chunks: Buffer[] = [];
    for await (const c of opened.stream) chunks.push(c as Buffer);
    expect(Buffer.concat(chunks).equals(blob)).toBe(true);
    expect(storage.seen[0]?.headers.authorization).toBeUndefined();
  });

  it('fails the stream when the bytes do not match the digest', async () => {
    server.handle((_req, res) => res.writeHead(200).end(Buffer.from('tampered bytes here!')));
    const opened = await client.openBlob(repo(), blobDigest);
    const err = await caught(
      (async () => {
        for await (const _ of opened.stream) void _;
      })(),
    );
    expect(err.code).toBe('DIGEST_MISMATCH');
  });

  it('fails the stream when the body is cut short', async () => {
    server.handle((_req, res, raw) => {
      res.writeHead(200, { 'content-length': String(blob.length) });
      res.write(blob.subarray(0, 5));
      setTimeout(() => raw.socket.destroy(), 20);
    });
    const opened = await client.openBlob(repo(), blobDigest, { expectedSize: blob.length });
    const err = await caught(
      (async () => {
        for await (const _ of opened.stream) void _;
      })(),
    );
    expect(['NETWORK', 'SIZE_MISMATCH']).toContain(err.code);
  });

  it('builds upload URLs from a relative Location that carries a query', async () => {
    server.handle((req, res) => {
      if (req.method === 'POST')
        return res.writeHead(202, { location: '/upload/abc?state=xyz' }).end();
      return res.writeHead(201, { 'docker-content-digest': blobDigest }).end();
    });
    await client.uploadBlob(repo(), blobDigest, blob.length, blob);
    const put = server.seen.find((r) => r.method === 'PUT');
    const url = new URL(put?.url ?? '', server.url);
    expect(url.pathname).toBe('/upload/abc');
    expect(url.searchParams.get('state')).toBe('xyz');
    expect(url.searchParams.get('digest')).toBe(blobDigest);
    expect(put?.body.equals(blob)).toBe(true);
  });

  it('cancels the upload session when the upload fails', async () => {
    server.handle((req, res) => {
      if (req.method === 'POST') return res.writeHead(202, { location: '/upload/abc' }).end();
      if (req.method === 'PUT')
        return res
          .writeHead(400, { 'content-type': 'application/json' })
          .end('{"errors":[{"code":"DIGEST_INVALID"}]}');
      return res.writeHead(204).end();
    });
    const err = await caught(client.uploadBlob(repo(), blobDigest, blob.length, blob));
    expect(err.code).toBe('DIGEST_INVALID');
    expect(server.seen.map((r) => r.method)).toEqual(['POST', 'PUT', 'DELETE']);
  });
});

describe('streaming copy', () => {
  it('uploads a blob to the other registry while it is still downloading (never buffered whole)', async () => {
    const size = 4 * 1024 * 1024;
    const blob = Buffer.alloc(size);
    for (let i = 0; i < size; i += 4096) blob.writeUInt32BE(i, i);
    const blobDigest = sha256Digest(blob);
    let uploadStartedMidDownload = false;
    // Source: sends half the blob, then waits until the destination has received upload bytes.
    server.handle(async (req, res) => {
      if (!req.url.includes(`/blobs/${blobDigest}`)) return res.writeHead(404).end();
      res.writeHead(200, { 'content-length': String(size) });
      res.write(blob.subarray(0, size / 2));
      for (let waited = 0; waited < 3_000 && storage.bytesReceived() === 0; waited += 10)
        await new Promise((r) => setTimeout(r, 10));
      uploadStartedMidDownload = storage.bytesReceived() > 0;
      res.end(blob.subarray(size / 2));
    });
    storage.handle((req, res) => {
      if (req.method === 'HEAD') return res.writeHead(404).end();
      if (req.method === 'POST')
        return res.writeHead(202, { location: '/v2/mirror/app/blobs/uploads/1' }).end();
      if (req.method === 'PUT') {
        const ok = req.body.equals(blob) && req.url.includes(encodeURIComponent(blobDigest));
        return res.writeHead(ok ? 201 : 400).end();
      }
      return res.writeHead(405).end();
    });
    const both = createRegistryClient({
      registries: (host) =>
        host === server.host || host === storage.host ? { host, scheme: 'http' } : undefined,
      retries: 0,
    });
    try {
      const how = await both.copyBlob(
        repo(),
        { registry: storage.host, repository: 'mirror/app' },
        { digest: blobDigest, size },
      );
      expect(how).toBe('uploaded');
      expect(uploadStartedMidDownload).toBe(true);
    } finally {
      await both.close();
    }
  });
});

describe('referrers', () => {
  it('uses the referrers API and filters by artifactType when the registry did not', async () => {
    const index = {
      schemaVersion: 2,
      mediaType: MediaType.OciIndex,
      manifests: [
        {
          mediaType: MediaType.OciManifest,
          digest: sha256Digest('a'),
          size: 1,
          artifactType: 'application/sbom',
        },
        {
          mediaType: MediaType.OciManifest,
          digest: sha256Digest('b'),
          size: 1,
          artifactType: 'application/sig',
        },
      ],
    };
    server.handle((_req, res) =>
      res.writeHead(200, { 'content-type': MediaType.OciIndex }).end(JSON.stringify(index)),
    );
    expect(await client.referrers(repo(), digest)).toHaveLength(2);
    const sboms = await client.referrers(repo(), digest, { artifactType: 'application/sbom' });
    expect(sboms.map((d) => d.digest)).toEqual([sha256Digest('a')]);
  });
});

describe('ping', () => {
  it('says something that is not a registry is not one', async () => {
    server.handle((_req, res) => res.writeHead(404).end());
    const result = await client.ping(server.host);
    expect(result).toMatchObject({ reachable: true, status: 404, needsCredentials: false });
    expect(result.error?.code).toBe('INVALID_RESPONSE');
  });
});
