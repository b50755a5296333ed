import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';

import { NextRequest } from 'next/server';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';

import type * as InspectRoute from '@/app/api/inspect/route';
import { sha256Digest, type InspectedManifest, type InspectResult } from '@/lib/registry';
import { startFaultServer, type FaultServer } from '@/test/support/fault-server';

// The route handlers import 'server-only', which throws outside Next's server bundles.
vi.mock('server-only', () => ({}));

const INDEX = 'application/vnd.oci.image.index.v1+json';
const IMAGE = 'application/vnd.oci.image.manifest.v1+json';

let hostile: FaultServer;
let dataDir: string;
let route: typeof InspectRoute;
const manifests = new Map<string, Buffer>();
const blobs = new Map<string, Buffer>();

function put(value: unknown, tag?: string): { digest: string; size: number; mediaType: string } {
  const bytes = Buffer.from(JSON.stringify(value));
  const digest = sha256Digest(bytes);
  manifests.set(digest, bytes);
  if (tag) manifests.set(tag, bytes);
  return { digest, size: bytes.length, mediaType: (value as { mediaType: string }).mediaType };
}

function image(n: number) {
  const config = Buffer.from(JSON.stringify({ architecture: 'amd64', os: 'linux', rootfs: {} }));
  const configDigest = sha256Digest(config);
  blobs.set(configDigest, config);
  return put({
    schemaVersion: 2,
    mediaType: IMAGE,
    config: {
      mediaType: 'application/vnd.oci.image.config.v1+json',
      digest: configDigest,
      size: config.length,
    },
    layers: [],
    annotations: { n: String(n) },
  });
}

/** An index of `width` entries on `levels` levels, every entry of a level the same digest. */
function nested(width: number, levels: number, tag: string): void {
  let child = { ...image(0), platform: { os: 'linux', architecture: 'amd64' } };
  for (let level = levels; level >= 1; level--) {
    const index = { schemaVersion: 2, mediaType: INDEX, manifests: Array(width).fill(child) };
    child = { ...put(index, level === 1 ? tag : undefined), platform: child.platform };
  }
}

beforeAll(async () => {
  hostile = await startFaultServer();
  hostile.on({
    path: /^\/v2\/x\/manifests\//,
    respond: ({ req, res }) => {
      const ref = decodeURIComponent(req.url.split('/').pop() ?? '');
      const bytes = manifests.get(ref);
      if (!bytes) return void res.writeHead(404).end();
      const digest = sha256Digest(bytes);
      const type = (JSON.parse(bytes.toString()) as { mediaType: string }).mediaType;
      res.writeHead(200, {
        'content-type': type,
        'docker-content-digest': digest,
        'content-length': String(bytes.length),
      });
      res.end(req.method === 'HEAD' ? undefined : bytes);
    },
  });
  hostile.on({
    path: /^\/v2\/x\/blobs\//,
    respond: ({ req, res }) => {
      const bytes = blobs.get(req.url.split('/').pop() ?? '');
      if (!bytes) return void res.writeHead(404).end();
      res.writeHead(200, { 'content-length': String(bytes.length) }).end(bytes);
    },
  });
  nested(10, 4, 'w10');
  nested(200, 4, 'w200');
  // 1,200 distinct images: more than one answer may hold.
  const many = Array.from({ length: 1200 }, (_, i) => ({
    ...image(i + 1),
    platform: { os: 'linux', architecture: 'amd64' },
  }));
  put({ schemaVersion: 2, mediaType: INDEX, manifests: many }, 'many');
  dataDir = await mkdtemp(path.join(os.tmpdir(), 'manifold-fan-out-'));
  process.env.MANIFOLD_REGISTRIES = hostile.host;
  process.env.MANIFOLD_DATA_DIR = dataDir;
  process.env.MANIFOLD_DOCKER_CREDENTIALS = 'false';
  route = await import('@/app/api/inspect/route');
});

afterAll(async () => {
  await hostile?.close();
  if (dataDir) await rm(dataDir, { recursive: true, force: true });
});

function count(list: InspectedManifest[] | undefined): number {
  return (list ?? []).reduce((n, m) => n + 1 + count(m.manifests) + count(m.attestations), 0);
}

async function inspectTag(tag: string): Promise<{ body: InspectResult; bytes: number }> {
  const res = await route.GET(
    // The Host a browser on this machine sends: Manifold refuses names it does not answer to.
    new NextRequest(new URL(`/api/inspect?ref=${hostile.host}/x:${tag}`, 'http://127.0.0.1:3000'), {
      headers: { host: '127.0.0.1:3000' },
    }),
  );
  const text = await res.text();
  expect(res.status).toBe(200);
  return { body: JSON.parse(text) as InspectResult, bytes: text.length };
}

describe('inspect fan-out', () => {
  it.each([
    ['w10', 4 * 10],
    ['w200', 4 * 200],
  ])(
    'answers %s (a nested index of repeated digests) with each digest expanded once',
    async (tag, entries) => {
      hostile.requests.length = 0;
      const { body, bytes } = await inspectTag(tag);
      expect(body.truncated).toBe(true);
      expect(body.truncatedMessage).toMatch(/shown once/);
      expect(count(body.manifests)).toBe(entries);
      expect(count(body.manifests)).toBeLessThanOrEqual(1000);
      // A HEAD for the tag, 4 indexes, 1 image, 1 config: each fetched once (fewer when cached).
      const seen = hostile.requests.map((r) => `${r.method} ${r.url}`);
      expect(new Set(seen).size).toBe(seen.length);
      expect(seen.length).toBeLessThanOrEqual(7);
      expect(bytes).toBeLessThan(1024 * 1024);
      const repeated = body.manifests?.filter((m) => m.repeated) ?? [];
      expect(repeated).toHaveLength(Number(tag.slice(1)) - 1);
    },
  );

  it('stops at 1,000 entries and says so', async () => {
    const { body } = await inspectTag('many');
    expect(body.truncated).toBe(true);
    expect(body.truncatedMessage).toContain('Stopped after 1000 entries (200 more not shown)');
    expect(count(body.manifests)).toBe(1000);
  });

  it('keeps the server’s memory bounded across repeated hostile inspects', async () => {
    global.gc?.();
    const before = process.memoryUsage();
    for (let i = 0; i < 5; i++) {
      await inspectTag('w200');
      await inspectTag('w10');
    }
    global.gc?.();
    const after = process.memoryUsage();
    // Generous: unbounded expansion of w10 alone held 10,000 entries (15 MB of JSON) per answer.
    expect(after.rss - before.rss).toBeLessThan(256 * 1024 * 1024);
    expect(after.heapUsed - before.heapUsed).toBeLessThan(128 * 1024 * 1024);
  });
});
