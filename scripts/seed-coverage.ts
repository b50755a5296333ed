/**
 * A registry of many repositories with known platforms, for the coverage scan's tests, e2e and
 * bench: Docker lists, single images, OCI indexes with BuildKit attestations (not platforms) and
 * lists with a deleted child (broken). Blobs are uploaded once and mounted into every other
 * repository, so 200 repositories take seconds.
 */
import pLimit from 'p-limit';

import { MediaType } from '../lib/registry';
import {
  baseLayer,
  descriptor,
  dockerList,
  manifestNode,
  ociIndex,
  toBlob,
  type Blob,
  type ManifestNode,
  type Platform,
} from './seed-builders';
import { SeedClient, type SeedTarget } from './seed-client';

export type CoverageKind = 'list' | 'single' | 'attested' | 'broken' | 'attestation-only' | 'arm';

/** One tag and what a scan must report for it. */
export interface CoverageTagPlan {
  tag: string;
  node: ManifestNode;
  platforms: string[];
  broken: string[];
}

export interface CoverageRepoPlan {
  repository: string;
  kind: CoverageKind;
  tags: CoverageTagPlan[];
  deleteAfter: ManifestNode[];
}

/** The repositories of the coverage e2e spec, seeded into the second e2e registry. */
export const E2E_COVERAGE = { namespace: 'cov', count: 12 } as const;

const KINDS: CoverageKind[] = ['list', 'single', 'attested', 'broken', 'attestation-only', 'arm'];
export const AMD64: Platform = { os: 'linux', architecture: 'amd64' };
export const ARM64: Platform = { os: 'linux', architecture: 'arm64', variant: 'v8' };
const ARMV7: Platform = { os: 'linux', architecture: 'arm', variant: 'v7' };
const S390X: Platform = { os: 'linux', architecture: 's390x' };

/** Returns a one-layer image for platform `p` whose config says it was built at `created`. */
export function tinyImage(
  format: 'docker' | 'oci',
  p: Platform,
  created = '2026-01-15T10:00:00Z',
): ManifestNode {
  const layer = baseLayer();
  const docker = format === 'docker';
  const config = toBlob(
    docker ? MediaType.DockerConfig : MediaType.OciConfig,
    Buffer.from(
      JSON.stringify({
        created,
        architecture: p.architecture,
        os: p.os,
        ...(p.variant ? { variant: p.variant } : {}),
        config: {},
        rootfs: { type: 'layers', diff_ids: [layer.diffId] },
      }),
    ),
  );
  const layerBlob: Blob = {
    mediaType: docker ? MediaType.DockerLayer : MediaType.OciLayerGzip,
    bytes: layer.gz,
    digest: layer.digest,
    size: layer.size,
  };
  const mediaType = docker ? MediaType.DockerManifest : MediaType.OciManifest;
  const body = {
    schemaVersion: 2,
    mediaType,
    config: descriptor(config),
    layers: [descriptor(layerBlob)],
  };
  return manifestNode(mediaType, body, [config, layerBlob], [], p);
}

/** Returns a BuildKit attestation manifest for `img` and its index entry (unknown/unknown, annotated). */
export function attestation(img: ManifestNode): {
  node: ManifestNode;
  extra: Record<string, unknown>;
} {
  const config = toBlob(
    MediaType.OciConfig,
    Buffer.from('{"architecture":"unknown","os":"unknown","rootfs":{"type":"layers"}}'),
  );
  const statement = toBlob(
    'application/vnd.in-toto+json',
    Buffer.from(
      JSON.stringify({ _type: 'https://in-toto.io/Statement/v0.1', subject: img.digest }),
    ),
  );
  const body = {
    schemaVersion: 2,
    mediaType: MediaType.OciManifest,
    config: descriptor(config),
    layers: [descriptor(statement)],
  };
  return {
    node: manifestNode(MediaType.OciManifest, body, [config, statement], []),
    extra: {
      annotations: {
        'vnd.docker.reference.digest': img.digest,
        'vnd.docker.reference.type': 'attestation-manifest',
      },
      platform: { architecture: 'unknown', os: 'unknown' },
    },
  };
}

function tagPlans(
  kind: CoverageKind,
  tags: readonly string[],
): Omit<CoverageRepoPlan, 'repository'> {
  const amd64d = tinyImage('docker', AMD64);
  const amd64o = tinyImage('oci', AMD64);
  const arm64o = tinyImage('oci', ARM64);
  const one = (node: ManifestNode, platforms: string[], broken: string[] = []) =>
    tags.map((tag) => ({ tag, node, platforms, broken }));
  switch (kind) {
    case 'list': {
      const list = dockerList([amd64d, tinyImage('docker', ARM64)]);
      // The oldest tag predates arm64: one tag of two lacks it. Its image is an older build, not
      // the list's amd64 child (a child tagged on its own is not a release of its own).
      const older = tinyImage('docker', AMD64, '2025-06-01T10:00:00Z');
      return {
        kind,
        deleteAfter: [],
        tags: tags.map((tag, i) =>
          i === 0 && tags.length > 1
            ? { tag, node: older, platforms: ['linux/amd64'], broken: [] }
            : { tag, node: list, platforms: ['linux/amd64', 'linux/arm64'], broken: [] },
        ),
      };
    }
    case 'single':
      return { kind, deleteAfter: [], tags: one(amd64d, ['linux/amd64']) };
    case 'attested': {
      const index = ociIndex([
        { node: amd64o },
        { node: arm64o },
        attestation(amd64o),
        attestation(arm64o),
      ]);
      return { kind, deleteAfter: [], tags: one(index, ['linux/amd64', 'linux/arm64']) };
    }
    case 'broken': {
      const armv7 = tinyImage('oci', ARMV7);
      const index = ociIndex([
        { node: amd64o },
        { node: armv7 },
        { node: tinyImage('oci', S390X) },
      ]);
      return {
        kind,
        deleteAfter: [armv7],
        tags: one(index, ['linux/amd64', 'linux/s390x'], ['linux/arm/v7']),
      };
    }
    case 'attestation-only':
      return {
        kind,
        deleteAfter: [],
        tags: one(ociIndex([{ node: amd64o }, attestation(amd64o)]), ['linux/amd64']),
      };
    case 'arm':
      return { kind, deleteAfter: [], tags: one(arm64o, ['linux/arm64']) };
  }
}

/** Returns `count` repositories `<namespace>/app-0000...`, kinds in turn, each with `tags` (oldest first). */
export function buildCoveragePlan(opts: {
  namespace: string;
  count: number;
  tags?: readonly string[];
}): CoverageRepoPlan[] {
  const tags = opts.tags ?? ['1.0', 'latest'];
  const width = Math.max(4, String(opts.count - 1).length);
  return Array.from({ length: opts.count }, (_, i) => ({
    repository: `${opts.namespace}/app-${String(i).padStart(width, '0')}`,
    ...tagPlans(KINDS[i % KINDS.length]!, tags),
  }));
}

/** Returns the repositories where some tag lacks `platform` (the report's "missing" filter). */
export function expectMissing(plan: readonly CoverageRepoPlan[], platform: string): string[] {
  return plan
    .filter((r) => r.tags.some((t) => !t.platforms.includes(platform)))
    .map((r) => r.repository);
}

function treeBlobs(node: ManifestNode, into: Map<string, Blob>): void {
  for (const b of node.blobs) into.set(b.digest, b);
  for (const c of node.children) treeBlobs(c, into);
}

function treeManifests(node: ManifestNode, into: Map<string, ManifestNode>): void {
  for (const c of node.children) treeManifests(c, into);
  into.set(node.digest, node);
}

async function seedRepository(
  client: SeedClient,
  repo: CoverageRepoPlan,
  blobs: (digest: string, blob: Blob) => Promise<void>,
): Promise<void> {
  const needed = new Map<string, Blob>();
  const manifests = new Map<string, ManifestNode>();
  for (const t of repo.tags) {
    treeBlobs(t.node, needed);
    treeManifests(t.node, manifests);
  }
  await Promise.all([...needed].map(([digest, blob]) => blobs(digest, blob)));
  // Children first, in dependency order (treeManifests puts children before their index).
  for (const m of manifests.values())
    await client.putManifest(repo.repository, m.digest, m.mediaType, m.bytes);
  for (const t of repo.tags)
    await client.putManifest(repo.repository, t.tag, t.node.mediaType, t.node.bytes);
  for (const gone of repo.deleteAfter) await client.deleteManifest(repo.repository, gone.digest);
}

/** Writes the plan into a registry: the first repository gets every blob, the others mount them. Throws AppError. */
export async function seedCoverage(
  target: SeedTarget,
  plan: readonly CoverageRepoPlan[],
  opts: { concurrency?: number } = {},
): Promise<void> {
  const [first, ...rest] = plan;
  if (!first) return;
  const client = new SeedClient(target);
  try {
    const all = new Map<string, Blob>();
    for (const r of plan) for (const t of r.tags) treeBlobs(t.node, all);
    for (const blob of all.values())
      await client.pushBlob(first.repository, blob.bytes, blob.digest);
    await seedRepository(client, first, () => Promise.resolve());
    const limit = pLimit(opts.concurrency ?? 16);
    await Promise.all(
      rest.map((repo) =>
        limit(() =>
          seedRepository(client, repo, (digest) =>
            client.mountBlob(repo.repository, digest, first.repository),
          ),
        ),
      ),
    );
  } finally {
    client.close();
  }
}
