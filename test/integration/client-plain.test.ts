import { Readable } from 'node:stream';

import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { sha256Digest, parseImageConfig, MediaType, type RegistryClient } from '@/lib/registry';
import { seedDemo } from '@/scripts/seed-lib';
import { countRequests } from '@/test/support/access-log';
import { startRegistry, type StartedRegistry } from '@/test/support/registry';
import { clientFor } from '@/test/support/registry-client';
import { caught } from '@/test/support/caught';

let reg: StartedRegistry;
let seeded: Record<string, string>;
let client: RegistryClient;

beforeAll(async () => {
  reg = await startRegistry({ variant: 'plain' });
  seeded = await seedDemo({ url: reg.url });
  client = clientFor([reg]);
});

afterAll(async () => {
  await client?.close();
  await reg?.stop();
});

const repo = (repository: string) => ({ registry: reg.host, repository });

describe('ping and listing', () => {
  it('pings an open registry', async () => {
    expect(await client.ping(reg.host)).toEqual({
      reachable: true,
      status: 200,
      authScheme: 'none',
      needsCredentials: false,
    });
  });

  it('reports an unreachable registry without throwing', async () => {
    const gone = await startRegistry({ variant: 'plain' });
    const c = clientFor([gone], { retries: 0 });
    await gone.stop();
    const result = await c.ping(gone.host);
    await c.close();
    expect(result.reachable).toBe(false);
    expect(result.error?.code).toBe('NETWORK');
  });

  it('pages through the catalog two at a time following Link', async () => {
    const all: string[] = [];
    let cursor: string | undefined;
    let pages = 0;
    do {
      const page = await client.listRepositories(reg.host, { n: 2, ...(cursor ? { cursor } : {}) });
      expect(page.repositories.length).toBeLessThanOrEqual(2);
      all.push(...page.repositories);
      cursor = page.next;
      pages++;
    } while (cursor && pages < 20);
    const expected = [...new Set(Object.keys(seeded).map((k) => k.split(':')[0] ?? ''))];
    expect(new Set(all)).toEqual(new Set(expected));
    expect(all).toHaveLength(expected.length);
    expect(pages).toBeGreaterThanOrEqual(Math.ceil(expected.length / 2));
  });

  it('lists tags with n=2: distribution 2.8 ignores n for tags and sends every tag without a Link', async () => {
    await reg.clearAccessLog();
    const page = await client.listTags(repo('demo/shazam'), { n: 2 });
    expect([...page.tags].sort()).toEqual([
      'amd64',
      'arm64',
      'armv7',
      'latest',
      'ppc64le',
      's390x',
    ]);
    expect(page.next).toBeUndefined();
    expect(countRequests(await reg.accessLog(), { kind: 'tags' })).toBe(1);
  });

  it('refuses a cursor that points at another listing or host', async () => {
    expect(
      (
        await caught(
          client.listTags(repo('demo/shazam'), { cursor: '/v2/demo/other/tags/list?n=2' }),
        )
      ).code,
    ).toBe('INVALID_ARGUMENT');
    expect(
      (
        await caught(
          client.listTags(repo('demo/shazam'), {
            cursor: 'http://169.254.169.254/v2/demo/shazam/tags/list',
          }),
        )
      ).code,
    ).toBe('INVALID_ARGUMENT');
  });

  it('maps a missing repository to NAME_UNKNOWN', async () => {
    expect((await caught(client.listTags(repo('demo/nope')))).code).toBe('NAME_UNKNOWN');
  });

  it('refuses registries that are not configured', async () => {
    const err = await caught(client.listTags({ registry: 'example.com', repository: 'x' }));
    expect(err.code).toBe('REGISTRY_NOT_ALLOWED');
    expect(err.details).toEqual({ host: 'example.com', setting: 'allowUnconfigured' });
  });
});

describe('inspect', () => {
  it('reads the list, every child and every config', async () => {
    const top = await client.getManifest(repo('demo/shazam'), 'latest');
    expect(top.parsed.digest).toBe(seeded['demo/shazam:latest']);
    expect(top.parsed.mediaType).toBe(MediaType.DockerManifestList);
    expect(top.headers.dockerContentDigest).toBe(top.parsed.digest);
    expect(top.headers.contentLength).toBe(top.parsed.raw.byteLength);
    if (top.parsed.kind !== 'index') throw new Error('expected a list');
    expect(top.parsed.manifests).toHaveLength(5);
    for (const child of top.parsed.manifests) {
      const { parsed } = await client.getManifest(repo('demo/shazam'), child.digest, {
        expectedSize: child.size,
      });
      if (parsed.kind !== 'image') throw new Error('expected an image');
      const bytes = await client.getBlobBytes(repo('demo/shazam'), parsed.config.digest, {
        expectedSize: parsed.config.size,
      });
      const config = parseImageConfig(bytes, parsed.config.digest);
      expect(config.architecture).toBe(child.platform?.architecture);
    }
  });

  it('reads an OCI index (only served because we send its Accept type)', async () => {
    const { parsed } = await client.getManifest(repo('demo/shazam-oci'), 'latest');
    expect(parsed.mediaType).toBe(MediaType.OciIndex);
    expect(parsed.digest).toBe(seeded['demo/shazam-oci:latest']);
  });

  it('HEADs by tag and digest; undefined for a missing manifest', async () => {
    const digest = seeded['demo/single:1.0'] ?? '';
    await reg.clearAccessLog();
    const byTag = await client.headManifest(repo('demo/single'), '1.0');
    expect(byTag).toMatchObject({ digest });
    expect(byTag?.size).toBeGreaterThan(0);
    expect(await client.headManifest(repo('demo/single'), digest)).toMatchObject({ digest });
    expect(await client.headManifest(repo('demo/single'), 'missing')).toBeUndefined();
    expect(countRequests(await reg.accessLog(), { method: 'GET' })).toBe(0);
  });

  it('throws MANIFEST_UNKNOWN for a missing tag and BLOB_UNKNOWN for a missing blob', async () => {
    expect((await caught(client.getManifest(repo('demo/single'), 'missing'))).code).toBe(
      'MANIFEST_UNKNOWN',
    );
    expect(
      (await caught(client.getBlobBytes(repo('demo/single'), sha256Digest('nothing')))).code,
    ).toBe('BLOB_UNKNOWN');
    expect((await caught(client.getManifest(repo('demo/single'), 'bad tag!'))).code).toBe(
      'INVALID_REFERENCE',
    );
  });

  it('caps blob reads', async () => {
    const { parsed } = await client.getManifest(repo('demo/single'), '1.0');
    if (parsed.kind !== 'image') throw new Error('expected an image');
    const layer = parsed.layers[0];
    if (!layer) throw new Error('no layer');
    expect(
      (await caught(client.getBlobBytes(repo('demo/single'), layer.digest, { maxBytes: 10 }))).code,
    ).toBe('TOO_LARGE');
  });

  it('finds referrers through the tag schema on a registry without the referrers API', async () => {
    const subject = seeded['demo/single:1.0'] ?? '';
    const config = Buffer.from('{}');
    await client.uploadBlob(repo('demo/single'), sha256Digest(config), 2, config);
    const sbom = Buffer.from(
      JSON.stringify({
        schemaVersion: 2,
        mediaType: MediaType.OciManifest,
        artifactType: 'application/vnd.example.sbom',
        config: { mediaType: MediaType.OciEmpty, digest: sha256Digest(config), size: 2 },
        layers: [{ mediaType: MediaType.OciEmpty, digest: sha256Digest(config), size: 2 }],
      }),
    );
    const { digest: sbomDigest } = await client.putManifest(
      repo('demo/single'),
      sha256Digest(sbom),
      sbom,
      MediaType.OciManifest,
    );
    expect(await client.referrers(repo('demo/single'), subject)).toEqual([]);
    const index = Buffer.from(
      JSON.stringify({
        schemaVersion: 2,
        mediaType: MediaType.OciIndex,
        manifests: [
          {
            mediaType: MediaType.OciManifest,
            digest: sbomDigest,
            size: sbom.length,
            artifactType: 'application/vnd.example.sbom',
          },
        ],
      }),
    );
    await client.putManifest(
      repo('demo/single'),
      subject.replace(':', '-'),
      index,
      MediaType.OciIndex,
    );
    const found = await client.referrers(repo('demo/single'), subject);
    expect(found.map((d) => d.digest)).toEqual([sbomDigest]);
    expect(
      await client.referrers(repo('demo/single'), subject, { artifactType: 'application/other' }),
    ).toEqual([]);
  });
});

describe('push, upload, mount', () => {
  const layer = Buffer.alloc(300_000);
  for (let i = 0; i < layer.length; i++) layer[i] = (i * 7919) % 251;
  const layerDigest = sha256Digest(layer);
  const config = Buffer.from(
    '{"architecture":"amd64","os":"linux","rootfs":{"type":"layers","diff_ids":[]}}',
  );
  const configDigest = sha256Digest(config);
  const manifest = Buffer.from(
    JSON.stringify({
      schemaVersion: 2,
      mediaType: MediaType.OciManifest,
      config: { mediaType: MediaType.OciConfig, digest: configDigest, size: config.length },
      layers: [{ mediaType: MediaType.OciLayer, digest: layerDigest, size: layer.length }],
    }),
  );

  it('uploads monolithically (bytes) and in chunks (stream), then pushes the manifest', async () => {
    const r = repo('push/app');
    await client.uploadBlob(r, configDigest, config.length, config);
    await reg.clearAccessLog();
    const seen: number[] = [];
    await client.uploadBlob(
      r,
      layerDigest,
      layer.length,
      () => Readable.from([layer.subarray(0, 1000), layer.subarray(1000)]),
      {
        chunkSize: 100_000,
        onProgress: (n) => seen.push(n),
      },
    );
    expect(countRequests(await reg.accessLog(), { method: 'PATCH', status: 202 })).toBe(3);
    expect(seen).toEqual([100_000, 200_000, 300_000]);
    expect(await client.headBlob(r, layerDigest)).toEqual({ size: layer.length });
    const opened = await client.openBlob(r, layerDigest, { expectedSize: layer.length });
    const chunks: Buffer[] = [];
    for await (const c of opened.stream) chunks.push(c as Buffer);
    expect(Buffer.concat(chunks).equals(layer)).toBe(true);

    const { digest } = await client.putManifest(r, 'v1', manifest, MediaType.OciManifest);
    expect(digest).toBe(sha256Digest(manifest));
    expect((await client.getManifest(r, 'v1')).parsed.digest).toBe(digest);
  });

  it('refuses content that does not match its digest, and leaves nothing behind', async () => {
    const r = repo('push/bad');
    const err = await caught(
      client.uploadBlob(r, layerDigest, layer.length, () =>
        Readable.from([Buffer.alloc(layer.length)]),
      ),
    );
    expect(err.code).toBe('DIGEST_MISMATCH');
    expect(await client.headBlob(r, layerDigest)).toBeUndefined();
    const short = await caught(
      client.uploadBlob(r, layerDigest, layer.length, () => Readable.from([layer.subarray(10)])),
    );
    expect(short.code).toBe('SIZE_MISMATCH');
    expect(
      (await caught(client.putManifest(r, sha256Digest('other'), manifest, MediaType.OciManifest)))
        .code,
    ).toBe('DIGEST_MISMATCH');
  });

  it('surfaces MANIFEST_BLOB_UNKNOWN when the blobs are missing', async () => {
    expect(
      (await caught(client.putManifest(repo('push/empty'), 'v1', manifest, MediaType.OciManifest)))
        .code,
    ).toBe('MANIFEST_BLOB_UNKNOWN');
  });

  it('mounts from another repository; when declined, uploads into the offered session or cancels it', async () => {
    const dst = repo('push/mounted');
    expect(await client.mountBlob(dst, layerDigest, 'push/app')).toBe('mounted');
    expect(await client.headBlob(dst, layerDigest)).toEqual({ size: layer.length });

    const other = Buffer.from('only uploaded here');
    expect(await client.mountBlob(dst, sha256Digest(other), 'push/app')).toBe('not-mounted');
    expect(await client.headBlob(dst, sha256Digest(other))).toBeUndefined();
    await reg.clearAccessLog();
    const how = await client.mountBlob(dst, sha256Digest(other), 'push/app', {
      source: { size: other.length, body: other },
    });
    expect(how).toBe('uploaded');
    const log = await reg.accessLog();
    expect(countRequests(log, { method: 'POST' })).toBe(1);
    expect(await client.headBlob(dst, sha256Digest(other))).toEqual({ size: other.length });
  });
});

describe('delete', () => {
  it('deletes a list by digest with its tags, keeping its children', async () => {
    const src = repo('demo/shazam');
    const dst = repo('del/shazam');
    const { digest } = await client.copyManifest(src, dst, 'latest');
    const { parsed } = await client.getManifest(dst, 'latest');
    if (parsed.kind !== 'index') throw new Error('expected a list');
    await client.deleteManifest(dst, digest);
    expect(await client.headManifest(dst, 'latest')).toBeUndefined();
    expect(await client.headManifest(dst, digest)).toBeUndefined();
    for (const child of parsed.manifests)
      expect(await client.headManifest(dst, child.digest)).toBeDefined();
    expect((await caught(client.deleteManifest(dst, digest))).code).toBe('MANIFEST_UNKNOWN');
  });

  it('reports that distribution 2.8 cannot delete a tag on its own', async () => {
    const err = await caught(client.deleteTag(repo('demo/single'), '1.0'));
    expect(err.code).toBe('UNSUPPORTED');
    expect(await client.headManifest(repo('demo/single'), '1.0')).toBeDefined();
  });
});
