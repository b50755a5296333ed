import { mkdtemp, readdir, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';

import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { sha256Digest, type RegistryClient, type CopyProgressEvent } from '@/lib/registry';
import { seedDemo } from '@/scripts/seed-lib';
import { blobGets, countRequests, type AccessLogEntry } from '@/test/support/access-log';
import { startRegistry, type StartedRegistry } from '@/test/support/registry';
import { clientFor, skopeoCopyAll, skopeoInspectRaw } from '@/test/support/registry-client';

// Source: plain registry with the demo images. Second registry: TLS with its own CA.
let src: StartedRegistry;
let second: StartedRegistry;
let seeded: Record<string, string>;
let client: RegistryClient;
let tmp: string;

beforeAll(async () => {
  [src, second] = await Promise.all([
    startRegistry({ variant: 'plain' }),
    startRegistry({ variant: 'tls' }),
  ]);
  seeded = await seedDemo({ url: src.url });
  client = clientFor([src, second]);
  tmp = await mkdtemp(path.join(os.tmpdir(), 'manifold-copy-'));
});

afterAll(async () => {
  await client?.close();
  await Promise.all([src?.stop(), second?.stop()]);
  if (tmp) await rm(tmp, { recursive: true, force: true });
});

const shazam = () => ({ registry: src.host, repository: 'demo/shazam' });

/** Returns every distinct blob digest (configs and layers) under a reference of the source. */
async function blobsUnder(reference: string, repository = 'demo/shazam'): Promise<Set<string>> {
  const repo = { registry: src.host, repository };
  const out = new Set<string>();
  const visit = async (ref: string): Promise<void> => {
    const { parsed } = await client.getManifest(repo, ref);
    if (parsed.kind === 'index') for (const child of parsed.manifests) await visit(child.digest);
    else for (const d of [parsed.config, ...parsed.layers]) out.add(d.digest);
  };
  await visit(reference);
  return out;
}

function mounts(log: AccessLogEntry[]): number {
  return log.filter((e) => e.kind === 'upload' && e.method === 'POST' && e.status === 201).length;
}

describe('copy demo/shazam:latest with all platforms', () => {
  it('within one registry: mounts every blob, downloads none, keeps the index digest', async () => {
    const expected = seeded['demo/shazam:latest'];
    expect(expected).toMatch(/^sha256:/);
    const blobs = await blobsUnder('latest');
    await src.clearAccessLog();
    const events: CopyProgressEvent[] = [];
    const result = await client.copyManifest(
      shazam(),
      { registry: src.host, repository: 'demo/shazam-copy' },
      'latest',
      {
        onProgress: (e) => events.push(e),
      },
    );
    const log = await src.accessLog();

    expect(result.digest).toBe(expected);
    expect(result.tags).toEqual(['latest']);
    expect(result.manifests.pushed).toBe(6); // 5 platform manifests and the list
    expect(result.blobs).toEqual({ skipped: 0, mounted: blobs.size, uploaded: 0, foreign: 0 });
    expect(result.bytesUploaded).toBe(0);
    expect(blobGets(log)).toEqual([]);
    expect(mounts(log)).toBe(blobs.size);
    expect(countRequests(log, { method: 'PATCH' })).toBe(0);
    expect(countRequests(log, { kind: 'upload', method: 'PUT' })).toBe(0);
    // Children are written before the list.
    const manifestPuts = log.filter((e) => e.kind === 'manifest' && e.method === 'PUT');
    expect(manifestPuts.at(-1)?.path).toBe('/v2/demo/shazam-copy/manifests/latest');
    expect(events.filter((e) => e.kind === 'blob' && e.status === 'mounted')).toHaveLength(
      blobs.size,
    );
    expect(events.at(-1)).toMatchObject({ kind: 'tag', tag: 'latest', digest: expected });

    const head = await client.headManifest(
      { registry: src.host, repository: 'demo/shazam-copy' },
      'latest',
    );
    expect(head?.digest).toBe(expected);
  });

  it('to a second registry: streams every blob once and keeps the index digest', async () => {
    const expected = seeded['demo/shazam:latest'];
    const blobs = await blobsUnder('latest');
    await src.clearAccessLog();
    await second.clearAccessLog();
    const progress = new Map<string, number>();
    const result = await client.copyManifest(
      { registry: src.host, repository: 'demo/shazam-copy' },
      { registry: second.host, repository: 'mirror/shazam' },
      'latest',
      { onProgress: (e) => e.status === 'progress' && progress.set(e.digest, e.bytes ?? 0) },
    );
    const srcLog = await src.accessLog();
    const dstLog = await second.accessLog();

    expect(result.digest).toBe(expected);
    expect(result.blobs.uploaded).toBe(blobs.size);
    expect(result.blobs.mounted).toBe(0);
    expect(result.bytesUploaded).toBeGreaterThan(0);
    // Each blob is read once from the source and written once (POST + PUT) to the destination.
    expect(blobGets(srcLog).filter((e) => e.status === 200)).toHaveLength(blobs.size);
    expect(countRequests(dstLog, { kind: 'upload', method: 'PUT', status: 201 })).toBe(blobs.size);
    expect(blobGets(dstLog)).toEqual([]);
    for (const digest of blobs) expect(progress.get(digest)).toBeGreaterThan(0);
  });

  it('skopeo reads the same index bytes from both destinations and copies every platform', async () => {
    const expected = seeded['demo/shazam:latest'];
    const { parsed } = await client.getManifest(shazam(), 'latest');
    for (const ref of [
      `${src.host}/demo/shazam-copy:latest`,
      `${second.host}/mirror/shazam:latest`,
    ]) {
      const raw = await skopeoInspectRaw(ref);
      expect(sha256Digest(raw)).toBe(expected);
      expect(Buffer.compare(raw, Buffer.from(parsed.raw))).toBe(0);
      const dir = path.join(tmp, ref.replace(/[^a-z0-9]+/gi, '_'));
      await skopeoCopyAll(ref, dir);
      const files = await readdir(dir);
      // dir: holds the list, the 5 platform manifests (named by digest) and all blobs.
      expect(files).toContain('manifest.json');
      expect(files.filter((f) => f.endsWith('.manifest.json'))).toHaveLength(5);
    }
  });

  it('copies again without moving any byte', async () => {
    await second.clearAccessLog();
    await src.clearAccessLog();
    const result = await client.copyManifest(
      shazam(),
      { registry: second.host, repository: 'mirror/shazam' },
      'latest',
    );
    expect(result.manifests).toEqual({ pushed: 0, skipped: 1 });
    expect(result.blobs).toEqual({ skipped: 0, mounted: 0, uploaded: 0, foreign: 0 });
    expect(blobGets(await src.accessLog())).toEqual([]);
    const dstLog = await second.accessLog();
    expect(countRequests(dstLog, { kind: 'upload' })).toBe(0);
  });
});

describe('copy other shapes', () => {
  it.each([
    ['demo/nested', 'latest'],
    ['demo/buildkit', 'latest'],
    ['demo/shazam-oci', 'latest'],
    ['demo/windows', 'ltsc2022'],
    ['demo/artifact', 'v1'],
  ])('copies %s:%s to the second registry with its digest unchanged', async (repository, tag) => {
    const expected = seeded[`${repository}:${tag}`];
    const result = await client.copyManifest(
      { registry: src.host, repository },
      { registry: second.host, repository: `mirror/${repository.split('/')[1] ?? repository}` },
      tag,
    );
    expect(result.digest).toBe(expected);
    const head = await client.headManifest(
      { registry: second.host, repository: `mirror/${repository.split('/')[1] ?? repository}` },
      tag,
    );
    expect(head?.digest).toBe(expected);
  });

  it('copies one platform of a list by descriptor, under a new tag, without its siblings', async () => {
    const { parsed } = await client.getManifest(shazam(), 'latest');
    if (parsed.kind !== 'index') throw new Error('demo/shazam:latest should be a list');
    const arm64 = parsed.manifests.find((m) => m.platform?.architecture === 'arm64');
    if (!arm64) throw new Error('no arm64 entry');
    const dst = { registry: second.host, repository: 'mirror/shazam-arm64' };
    const result = await client.copyManifest(shazam(), dst, arm64, { tags: ['only-arm64'] });
    expect(result.digest).toBe(arm64.digest);
    expect(result.manifests.pushed).toBe(1);
    expect((await client.listTags(dst)).tags).toEqual(['only-arm64']);
    const amd64 = parsed.manifests.find((m) => m.platform?.architecture === 'amd64');
    expect(await client.headManifest(dst, amd64?.digest ?? '')).toBeUndefined();
  });

  it('fails cleanly on a list whose child is missing, writing no list', async () => {
    const dst = { registry: second.host, repository: 'mirror/broken' };
    await expect(
      client.copyManifest({ registry: src.host, repository: 'demo/broken' }, dst, 'latest'),
    ).rejects.toMatchObject({
      code: 'MANIFEST_UNKNOWN',
    });
    expect(await client.headManifest(dst, 'latest')).toBeUndefined();
  });
});
