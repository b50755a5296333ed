import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';

import { NextRequest } from 'next/server';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';

import type * as InspectRoute from '@/app/api/inspect/route';
import type * as SummaryRoute from '@/app/api/summary/route';

import {
  createRegistryClient,
  createContentCache,
  sha256Digest,
  inspect,
  MediaType,
  parseReference,
  type RegistryClient,
  type InspectedManifest,
  type InspectResult,
} from '@/lib/registry';
import { seedDemo } from '@/scripts/seed-lib';
import { blobGets, type AccessLogEntry } from '@/test/support/access-log';
import { startRegistry, type StartedRegistry } from '@/test/support/registry';

let registry: StartedRegistry;
let client: RegistryClient;
let seeded: Record<string, string>;
let requests = 0;
let dataDir: string;

// The route handlers import 'server-only', which throws outside Next's server bundles.
vi.mock('server-only', () => ({}));

beforeAll(async () => {
  registry = await startRegistry({ variant: 'plain' });
  seeded = await seedDemo({ url: registry.url });
  dataDir = await mkdtemp(path.join(os.tmpdir(), 'manifold-inspect-'));
  // lib/config reads the environment once, on first use (by the routes, after this).
  process.env.MANIFOLD_REGISTRIES = registry.host;
  process.env.MANIFOLD_DATA_DIR = dataDir;
  process.env.MANIFOLD_DOCKER_CREDENTIALS = 'false';
  client = createRegistryClient({
    registries: (host) => (host === registry.host ? { host, scheme: 'http' } : undefined),
    onRequest: () => {
      requests++;
    },
  });
});

afterAll(async () => {
  await client?.close();
  await registry?.stop();
  if (dataDir) await rm(dataDir, { recursive: true, force: true });
});

const ref = (r: string) => parseReference(`${registry.host}/${r}`);
const platforms = (r: InspectResult) =>
  (r.manifests ?? []).map((m) =>
    [m.platform?.os, m.platform?.architecture, m.platform?.variant].filter(Boolean).join('/'),
  );

/** Config digests of everything inspected: the only blobs Manifold may GET. */
function configDigests(results: InspectResult[]): Set<string> {
  const out = new Set<string>();
  const visit = (m: InspectedManifest): void => {
    if (m.configDescriptor) out.add(m.configDescriptor.digest);
    (m.manifests ?? []).forEach(visit);
    (m.attestations ?? []).forEach(visit);
  };
  results.forEach(visit);
  results.forEach((r) => (r.orphanAttestations ?? []).forEach(visit));
  return out;
}

describe('inspect against the real registry', () => {
  const results: InspectResult[] = [];
  let logBefore: AccessLogEntry[] = [];

  beforeAll(async () => {
    await registry.clearAccessLog();
    logBefore = [];
  });

  it('inspects the Docker manifest list demo/shazam:latest with every platform, config and layers', async () => {
    const r = await inspect(client, ref('demo/shazam:latest'));
    results.push(r);
    expect(r.digest).toBe(seeded['demo/shazam:latest']);
    expect(r.kind).toBe('index');
    expect(r.format).toBe('docker-list');
    expect(r.mediaType).toBe('application/vnd.docker.distribution.manifest.list.v2+json');
    expect(platforms(r).sort()).toEqual([
      'linux/amd64',
      'linux/arm/v7',
      'linux/arm64/v8',
      'linux/ppc64le',
      'linux/s390x',
    ]);
    const arm64 = r.manifests!.find((m) => m.platform?.architecture === 'arm64')!;
    expect(arm64.digest).toBe(seeded['demo/shazam:arm64']);
    expect(arm64.config?.architecture).toBe('arm64');
    expect(arm64.config?.variant).toBe('v8');
    expect(arm64.config?.config?.Env).toContain('ARCH=arm64');
    expect(arm64.config?.config?.Labels?.['com.example.shazam.simd']).toBe('neon');
    expect(arm64.layers).toHaveLength(2);
    for (const l of arm64.layers!) {
      expect(l.digest).toMatch(/^sha256:[a-f0-9]{64}$/);
      expect(l.mediaType).toBe('application/vnd.docker.image.rootfs.diff.tar.gzip');
      expect(l.size).toBeGreaterThan(0);
    }
    // Shared base layer counted once in the total.
    const layerSum = r.manifests!.reduce(
      (n, m) => n + m.layers!.reduce((k, l) => k + l.size, 0),
      0,
    );
    expect(r.totalSize).toBeLessThan(layerSum);
    expect(r.created).toBe('2026-01-15T10:00:00Z');
    expect(new TextDecoder().decode(new TextEncoder().encode(r.raw))).toBe(r.raw);
  });

  it('inspects the OCI index with its annotations', async () => {
    const r = await inspect(client, ref('demo/shazam-oci:latest'));
    results.push(r);
    expect(r.format).toBe('oci-index');
    expect(r.annotations).toBeDefined();
    expect(r.manifests!.length).toBeGreaterThanOrEqual(3);
    expect(
      r.manifests!.every((m) => m.mediaType === 'application/vnd.oci.image.manifest.v1+json'),
    ).toBe(true);
  });

  it('groups BuildKit attestations under the platform they describe', async () => {
    const r = await inspect(client, ref('demo/buildkit:latest'));
    results.push(r);
    expect(platforms(r).sort()).toEqual(['linux/amd64', 'linux/arm64/v8']);
    expect(r.manifests!.some((m) => m.platform?.os === 'unknown')).toBe(false);
    for (const m of r.manifests!) {
      expect(m.attestations).toHaveLength(1);
      expect(m.attestations![0]!.annotations?.['vnd.docker.reference.digest']).toBe(m.digest);
    }
    expect(r.orphanAttestations).toBeUndefined();
  });

  it('shows the Windows os.version', async () => {
    const r = await inspect(client, ref('demo/windows:ltsc2022'));
    results.push(r);
    const win = r.manifests!.find((m) => m.platform?.os === 'windows')!;
    expect(win.platform?.['os.version']).toBe('10.0.20348.2227');
    expect(win.config?.['os.version']).toBe('10.0.20348.2227');
  });

  it('inspects a single image with its platform at the top level', async () => {
    const r = await inspect(client, ref('demo/single:1.0'));
    results.push(r);
    expect(r.kind).toBe('image');
    expect(r.format).toBe('oci-image');
    expect(r.platform).toMatchObject({ os: 'linux', architecture: 'amd64' });
    expect(r.config?.config?.Entrypoint).toBeDefined();
    expect(r.layers!.length).toBeGreaterThan(0);
    expect(r.manifests).toBeUndefined();
  });

  it('shows an artifact as an artifact with its artifactType', async () => {
    const r = await inspect(client, ref('demo/artifact:v1'));
    results.push(r);
    expect(r.kind).toBe('artifact');
    expect(r.format).toBe('artifact');
    expect(r.artifactType).toBe('application/vnd.example.sbom.v1+json');
    expect(r.config).toBeUndefined();
  });

  it('expands a nested index', async () => {
    const r = await inspect(client, ref('demo/nested:latest'));
    results.push(r);
    const nested = r.manifests!.find((m) => m.kind === 'index')!;
    expect(nested.manifests!.length).toBeGreaterThanOrEqual(3);
    expect(nested.manifests!.every((m) => m.config?.os === 'linux')).toBe(true);
  });

  it('puts the error of a deleted child on its own row and still shows the others', async () => {
    const r = await inspect(client, ref('demo/broken:latest'));
    results.push(r);
    expect(r.manifests).toHaveLength(2);
    const failed = r.manifests!.filter((m) => m.error);
    expect(failed).toHaveLength(1);
    expect(failed[0]!.error!.code).toBe('MANIFEST_UNKNOWN');
    expect(r.manifests!.filter((m) => !m.error)[0]!.config).toBeDefined();
  });

  it('downloaded no layer blob: the only blob GETs were image configs', async () => {
    const log = await registry.accessLog();
    const gets = blobGets(log.slice(logBefore.length));
    expect(gets.length).toBeGreaterThan(0);
    const allowed = configDigests(results);
    const layerGets = gets.filter((g) => !allowed.has(g.digest ?? ''));
    expect(layerGets).toEqual([]);
  });
});

describe('content cache', () => {
  it('a second inspect of the same tag costs one registry request', async () => {
    const cache = createContentCache();
    const first = await inspect(client, ref('demo/shazam:latest'), { cache });
    requests = 0;
    await registry.clearAccessLog();
    const second = await inspect(client, ref('demo/shazam:latest'), { cache });
    expect(second.digest).toBe(first.digest);
    expect(second.manifests).toEqual(first.manifests);
    expect(requests).toBe(1);
    const log = await registry.accessLog();
    expect(log.map((e) => `${e.method} ${e.kind}`)).toEqual(['GET manifest']);
  });

  it('a cold inspect of a list costs 1 + 2N requests: no HEAD before the GET of the tag', async () => {
    const cache = createContentCache();
    await registry.clearAccessLog();
    const r = await inspect(client, ref('demo/shazam:latest'), { cache });
    const n = r.manifests!.filter((m) => m.kind === 'image').length;
    expect(n).toBeGreaterThan(1);
    const log = await registry.accessLog();
    expect(log.filter((e) => e.method === 'HEAD')).toEqual([]);
    expect(log).toHaveLength(1 + 2 * n);
    expect(log.filter((e) => e.kind === 'manifest')).toHaveLength(1 + n);
    expect(log.filter((e) => e.kind === 'blob')).toHaveLength(n);
  });

  it('sees a moved tag immediately (the tag is resolved every time)', async () => {
    const cache = createContentCache();
    await inspect(client, ref('demo/shazam:latest'), { cache });
    const repo = { registry: registry.host, repository: 'demo/shazam' };
    const single = await client.getManifest(repo, seeded['demo/shazam:amd64']!);
    await client.putManifest(repo, 'moving', single.parsed.raw, single.parsed.mediaType);
    const a = await inspect(client, ref('demo/shazam:moving'), { cache });
    expect(a.kind).toBe('image');
    const list = await client.getManifest(repo, seeded['demo/shazam:latest']!);
    await client.putManifest(repo, 'moving', list.parsed.raw, list.parsed.mediaType);
    const b = await inspect(client, ref('demo/shazam:moving'), { cache });
    expect(b.kind).toBe('index');
    expect(b.digest).toBe(seeded['demo/shazam:latest']);
  });
});

describe('artifacts', () => {
  it('takes the artifact type from the config media type when artifactType is missing, and never GETs that config', async () => {
    const repo = { registry: registry.host, repository: 'demo/artifact' };
    const config = Buffer.from('{}');
    await client.uploadBlob(repo, sha256Digest(config), config.length, config);
    const manifest = Buffer.from(
      JSON.stringify({
        schemaVersion: 2,
        mediaType: MediaType.OciManifest,
        config: {
          mediaType: 'application/vnd.cncf.helm.config.v1+json',
          digest: sha256Digest(config),
          size: config.length,
        },
        layers: [],
      }),
    );
    await client.putManifest(repo, 'helm-like', manifest, MediaType.OciManifest);
    await registry.clearAccessLog();
    const r = await inspect(client, ref('demo/artifact:helm-like'));
    expect(r.kind).toBe('artifact');
    expect(r.format).toBe('artifact');
    expect(r.artifactType).toBe('application/vnd.cncf.helm.config.v1+json');
    expect(r.config).toBeUndefined();
    expect(blobGets(await registry.accessLog())).toEqual([]);
  });
});

describe('JSON API', () => {
  let routes: { inspect: typeof InspectRoute; summary: typeof SummaryRoute };
  const get = (pathAndQuery: string): NextRequest =>
    // The Host a browser on this machine sends: Manifold refuses names it does not answer to.
    new NextRequest(new URL(pathAndQuery, 'http://127.0.0.1:3000'), {
      headers: { host: '127.0.0.1:3000' },
    });

  beforeAll(async () => {
    routes = {
      inspect: await import('@/app/api/inspect/route'),
      summary: await import('@/app/api/summary/route'),
    };
  });

  it('GET /api/inspect answers the documented fields for a list, its children and a single image', async () => {
    const res = await routes.inspect.GET(
      get(`/api/inspect?ref=${encodeURIComponent(`${registry.host}/demo/shazam:latest`)}`),
    );
    expect(res.status).toBe(200);
    const body = (await res.json()) as InspectResult & { raw?: string };
    expect(body).toMatchObject({
      reference: `${registry.host}/demo/shazam:latest@${seeded['demo/shazam:latest']}`,
      digest: seeded['demo/shazam:latest'],
      mediaType: MediaType.DockerManifestList,
      kind: 'index',
      format: 'docker-list',
    });
    expect(body.size).toBeGreaterThan(0);
    expect(body.raw).toBeUndefined();
    const arm = body.manifests!.find((m) => m.platform?.architecture === 'arm')!;
    expect(arm).toMatchObject({
      mediaType: MediaType.DockerManifest,
      platform: { os: 'linux', architecture: 'arm', variant: 'v7' },
    });
    expect(arm.config).toMatchObject({ os: 'linux', architecture: 'arm', variant: 'v7' });
    expect(arm.config?.config?.Env).toEqual(
      expect.arrayContaining([expect.stringMatching(/^ARCH=arm/)]),
    );
    const layer = arm.layers![0]!;
    expect(Object.keys(layer).sort()).toEqual(['digest', 'mediaType', 'size']);
    expect(layer.digest).toMatch(/^sha256:[a-f0-9]{64}$/);
    expect(layer.mediaType).toBe('application/vnd.docker.image.rootfs.diff.tar.gzip');
    expect(layer.size).toBeGreaterThan(0);

    const single = (await (
      await routes.inspect.GET(get(`/api/inspect?ref=${registry.host}/demo/single:1.0&raw=1`))
    ).json()) as InspectResult;
    expect(single).toMatchObject({
      kind: 'image',
      platform: { os: 'linux', architecture: 'amd64' },
    });
    expect(single.layers!.length).toBeGreaterThan(0);
    expect(single.config?.config?.Entrypoint).toBeDefined();
    expect(JSON.parse(single.raw)).toMatchObject({ schemaVersion: 2 });
    expect(single.manifests).toBeUndefined();
  });

  it('GET /api/inspect answers errors as { error: { code, message } } with the HTTP status', async () => {
    const missing = await routes.inspect.GET(
      get(`/api/inspect?ref=${registry.host}/demo/shazam:nope`),
    );
    expect(missing.status).toBe(404);
    const { error } = (await missing.json()) as { error: { code: string; message: string } };
    expect(error.code).toBe('MANIFEST_UNKNOWN');
    expect(error.message).toContain('demo/shazam');
    const invalid = await routes.inspect.GET(get('/api/inspect?ref=Not%20A%20Reference'));
    expect(invalid.status).toBe(400);
    expect(((await invalid.json()) as { error: { code: string } }).error.code).toBe(
      'INVALID_REFERENCE',
    );
    const none = await routes.inspect.GET(get('/api/inspect'));
    expect(none.status).toBe(400);
  });

  it('a second /api/inspect or /api/summary of the same tag costs one registry request', async () => {
    for (const route of [routes.inspect, routes.summary]) {
      const url = `/api/x?ref=${encodeURIComponent(`${registry.host}/demo/buildkit:latest`)}`;
      expect((await route.GET(get(url))).status).toBe(200);
      await registry.clearAccessLog();
      expect((await route.GET(get(url))).status).toBe(200);
      const log = await registry.accessLog();
      expect(log.map((e) => `${e.method} ${e.kind}`)).toEqual(['GET manifest']);
    }
  });
});
