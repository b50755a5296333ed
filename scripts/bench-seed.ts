/**
 * What `npm run bench` puts in its registries: lists of 5 and 16 platforms in as many variants as
 * there are rounds (each variant has its own configs, so its digests are new to the server's
 * cache: a cold inspect is really cold), a list whose image carries a 256 MiB layer (generated
 * deterministically and streamed, never held in memory), and big listings (5,000 tags, 2,000
 * repositories) written straight into the registry's storage, which the registry reads live.
 */
import { createCipheriv, createHash } from 'node:crypto';
import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';

import { MediaType } from '../lib/registry';
import { appLayer, baseLayer, dockerList, image, manifestNode, toBlob } from './seed-builders';
import type { ManifestNode, Platform } from './seed-builders';
import { SeedClient } from './seed-client';

const PLATFORMS: Platform[] = [
  { os: 'linux', architecture: 'amd64' },
  { os: 'linux', architecture: 'arm64' },
  { os: 'linux', architecture: 'arm', variant: 'v7' },
  { os: 'linux', architecture: 'ppc64le' },
  { os: 'linux', architecture: 's390x' },
  { os: 'linux', architecture: 'amd64', variant: 'v2' },
  { os: 'linux', architecture: 'amd64', variant: 'v3' },
  { os: 'linux', architecture: 'arm', variant: 'v5' },
  { os: 'linux', architecture: 'arm', variant: 'v6' },
  { os: 'linux', architecture: '386' },
  { os: 'linux', architecture: 'ppc64' },
  { os: 'linux', architecture: 'riscv64' },
  { os: 'linux', architecture: 'mips64le' },
  { os: 'linux', architecture: 'mips64' },
  { os: 'linux', architecture: 'mipsle' },
  { os: 'linux', architecture: 'loong64' },
];

const archName = (p: Platform) => `${p.architecture}${p.variant ?? ''}`;

/** Returns a Docker manifest list of `count` (<= 16) images; `variant` goes into every config. */
export function benchList(count: number, variant: string): ManifestNode {
  const children = PLATFORMS.slice(0, count).map((platform) =>
    image({
      format: 'docker',
      app: 'bench',
      title: 'Bench',
      platform,
      archName: archName(platform),
      labels: { 'com.example.bench.variant': variant },
      layers: [baseLayer(), appLayer('bench', platform)],
    }),
  );
  return dockerList(children);
}

/**
 * Pushes a list (its distinct blobs one after another, then the children at once, then the list
 * under `tag`); returns its digest. Blobs go one at a time: distribution answers 500 to a HEAD
 * of a blob another request is uploading into the same repository at that moment.
 */
export async function pushList(
  client: SeedClient,
  repo: string,
  tag: string,
  list: ManifestNode,
): Promise<string> {
  const blobs = new Map(list.children.flatMap((c) => c.blobs).map((b) => [b.digest, b]));
  for (const blob of blobs.values()) await client.pushBlob(repo, blob.bytes, blob.digest);
  await Promise.all(
    list.children.map((child) =>
      client.putManifest(repo, child.digest, child.mediaType, child.bytes),
    ),
  );
  return client.putManifest(repo, tag, list.mediaType, list.bytes);
}

const MIB = 1024 * 1024;

/** Yields `mib` MiB of deterministic pseudo-random bytes (AES-CTR over zeros), 1 MiB at a time. */
function* bigBytes(mib: number): Generator<Buffer> {
  const cipher = createCipheriv('aes-128-ctr', Buffer.alloc(16, 7), Buffer.alloc(16, 1));
  const zeros = Buffer.alloc(MIB);
  for (let i = 0; i < mib; i++) yield cipher.update(zeros);
}

function request(
  url: URL,
  method: string,
  headers: Record<string, string>,
  body?: Iterable<Buffer>,
): Promise<http.IncomingMessage> {
  return new Promise((resolve, reject) => {
    const req = http.request(url, { method, headers }, (res) => {
      res.resume();
      res.on('end', () => resolve(res));
    });
    req.on('error', reject);
    if (!body) return void req.end();
    const chunks = body[Symbol.iterator]();
    const pump = (): void => {
      for (let next = chunks.next(); !next.done; next = chunks.next())
        if (!req.write(next.value)) return void req.once('drain', pump);
      req.end();
    };
    pump();
  });
}

/**
 * Streams a `mib` MiB layer into `repo` (monolithic PUT) and pushes a one-image list that carries
 * it under `tag`; returns the list's digest and the layer's size.
 */
export async function pushBigList(
  client: SeedClient,
  baseUrl: string,
  repo: string,
  tag: string,
  mib: number,
): Promise<{ digest: string; size: number }> {
  const hash = createHash('sha256');
  for (const chunk of bigBytes(mib)) hash.update(chunk);
  const digest = `sha256:${hash.digest('hex')}`;
  const size = mib * MIB;
  const opened = await request(new URL(`/v2/${repo}/blobs/uploads/`, baseUrl), 'POST', {
    'content-length': '0',
  });
  const put = new URL(String(opened.headers.location), baseUrl);
  put.searchParams.set('digest', digest);
  const done = await request(
    put,
    'PUT',
    { 'content-type': 'application/octet-stream', 'content-length': String(size) },
    bigBytes(mib),
  );
  if (done.statusCode !== 201) throw new Error(`big layer upload answered ${done.statusCode}`);

  const platform: Platform = { os: 'linux', architecture: 'amd64' };
  const config = toBlob(
    MediaType.OciConfig,
    Buffer.from(
      JSON.stringify({
        architecture: 'amd64',
        os: 'linux',
        rootfs: { type: 'layers', diff_ids: [digest] },
      }),
    ),
  );
  await client.pushBlob(repo, config.bytes, config.digest);
  const layer = { mediaType: 'application/vnd.oci.image.layer.v1.tar', digest, size };
  const manifest = manifestNode(
    MediaType.OciManifest,
    {
      schemaVersion: 2,
      mediaType: MediaType.OciManifest,
      config: { mediaType: config.mediaType, digest: config.digest, size: config.size },
      layers: [layer],
    },
    [],
    [],
    platform,
  );
  await client.putManifest(repo, manifest.digest, manifest.mediaType, manifest.bytes);
  const list = dockerList([manifest]);
  return { digest: await client.putManifest(repo, tag, list.mediaType, list.bytes), size };
}

/**
 * Makes `tags` tags in `repo` and `repos` repositories named `<prefix>/rNNNN` by pushing one of
 * each through the API, then copying its directory in the registry's storage (the registry lists
 * tags and its catalog from the file system on every request).
 */
export async function seedListings(
  client: SeedClient,
  storageRoot: string,
  opts: { repo: string; tags: number; prefix: string; repos: number },
): Promise<void> {
  const one = image({
    format: 'oci',
    app: 'bench',
    title: 'Bench',
    platform: PLATFORMS[0]!,
    archName: 'amd64',
    layers: [baseLayer()],
  });
  const pushImage = async (repo: string, tag: string) => {
    for (const blob of one.blobs) await client.pushBlob(repo, blob.bytes, blob.digest);
    await client.putManifest(repo, tag, one.mediaType, one.bytes);
  };
  const repos = path.join(storageRoot, 'docker', 'registry', 'v2', 'repositories');
  const width = (n: number) => String(n - 1).length;

  const t0 = `t${'0'.padStart(width(opts.tags), '0')}`;
  await pushImage(opts.repo, t0);
  const tagsDir = path.join(repos, opts.repo, '_manifests', 'tags');
  for (let i = 1; i < opts.tags; i++) {
    const name = `t${String(i).padStart(width(opts.tags), '0')}`;
    fs.cpSync(path.join(tagsDir, t0), path.join(tagsDir, name), { recursive: true });
  }

  const r0 = `${opts.prefix}/r${'0'.padStart(width(opts.repos), '0')}`;
  await pushImage(r0, 'latest');
  for (let i = 1; i < opts.repos; i++) {
    const name = `${opts.prefix}/r${String(i).padStart(width(opts.repos), '0')}`;
    fs.cpSync(path.join(repos, r0), path.join(repos, name), { recursive: true });
  }
}

export { SeedClient };
