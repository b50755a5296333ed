import pLimit from 'p-limit';

import type { RegistryClient, RepositoryRef } from '../client';
import type { ContentCache } from './content-cache';
import { createInspectBudget } from './inspect-budget';
import { descriptorFields } from '../descriptor';
import { isDigest } from '../digest';
import { isAppError, AppError } from '@/lib/errors';
import { attestationTarget, isAttestation, type Descriptor } from '../descriptor';
import { classifyManifest, type ParsedManifest } from '../manifest';
import { MAX_CONFIG_BYTES, parseImageConfig, type ImageConfig } from '../image-config';
import type { FetchedManifest } from './manifests';
import { isIndexMediaType, MediaType } from '../media-types';
import { comparePlatforms, type Platform } from '../platform';
import type { ImageReference } from '../reference';

/** The error of one child that could not be inspected; the rest of the list still renders. */
export interface ChildError {
  code: string;
  message: string;
}

export interface LayerInfo {
  digest: string;
  mediaType: string;
  size: number;
  annotations?: Record<string, string>;
}

/** One image (or artifact, or nested index) as Manifold shows it. */
export interface InspectedManifest {
  digest: string;
  mediaType: string;
  size: number;
  kind: 'image' | 'artifact' | 'index' | 'unknown';
  platform?: Platform;
  annotations?: Record<string, string>;
  artifactType?: string;
  /** The image config as the image spec names it (created, author, architecture, os, config{Env,...}). */
  config?: ImageConfig;
  configDescriptor?: { digest: string; mediaType: string; size: number };
  layers?: LayerInfo[];
  /** Compressed size of config and layers plus the manifest itself. */
  totalSize?: number;
  /** BuildKit attestation manifests that describe this image. */
  attestations?: InspectedManifest[];
  /** Children of a nested index. */
  manifests?: InspectedManifest[];
  subject?: Descriptor;
  error?: ChildError;
  /** A nested index whose digest appears earlier in this list: expanded there, not again here. */
  repeated?: true;
}

export interface InspectResult extends InspectedManifest {
  reference: string;
  registry: string;
  repository: string;
  tag?: string;
  format: 'docker-list' | 'oci-index' | 'docker-image' | 'oci-image' | 'artifact';
  /** Compressed bytes of everything under this reference, each distinct blob counted once. */
  totalSize: number;
  /** The newest `created` of the images under this reference. */
  created?: string;
  /** Attestation entries whose target is not in this list. */
  orphanAttestations?: InspectedManifest[];
  headers: { contentType?: string; dockerContentDigest?: string; contentLength?: number };
  /** The manifest bytes exactly as received, as text. */
  raw: string;
  /** Something was left out or collapsed (too many entries, repeats, nesting): see the message. */
  truncated?: true;
  truncatedMessage?: string;
}

export interface InspectOptions {
  signal?: AbortSignal;
  /** How many child manifests and configs are fetched at once (default 32: a whole list in one round trip). */
  concurrency?: number;
  /** Maximum nesting depth of indexes to follow. */
  maxDepth?: number;
  /** Content by digest: with it a warm inspect is the tag's one GET, the rest from the cache. */
  cache?: ContentCache;
  /** The most entries one answer holds (default MAX_INSPECT_MANIFESTS). */
  maxManifests?: number;
}

// All children of a usual list at once, then all their configs at once: three dependent round
// trips. The transport still bounds the connections per registry.
const DEFAULT_CONCURRENCY = 32;

const IMAGE_CONFIG_TYPES = new Set([
  'application/vnd.docker.container.image.v1+json',
  'application/vnd.oci.image.config.v1+json',
]);

function childError(err: unknown): ChildError {
  if (isAppError(err)) return { code: err.code, message: err.message };
  return { code: 'UNKNOWN', message: err instanceof Error ? err.message : String(err) };
}

/**
 * Returns everything Manifold shows about a reference: the list with every child's platform,
 * config and layers (never a layer blob: only manifests and configs are fetched). A child that
 * fails carries its own `error`; the call throws only when the reference itself cannot be read.
 */
export async function inspect(
  client: RegistryClient,
  ref: ImageReference,
  opts: InspectOptions = {},
): Promise<InspectResult> {
  const repo: RepositoryRef = { registry: ref.registry, repository: ref.repository };
  const limit = pLimit(opts.concurrency ?? DEFAULT_CONCURRENCY);
  const maxDepth = opts.maxDepth ?? 4;
  const signal = opts.signal;
  const reference = ref.digest ?? ref.tag ?? 'latest';

  const cache = opts.cache;
  const budget = createInspectBudget(opts.maxManifests, maxDepth);
  // Each digest is fetched once per call, however often the lists repeat it.
  const fetching = new Map<string, Promise<FetchedManifest>>();

  function manifestByDigest(digest: string, expectedSize?: number): Promise<FetchedManifest> {
    let pending = fetching.get(digest);
    if (!pending) {
      pending = fetchManifest(digest, expectedSize);
      fetching.set(digest, pending);
    }
    return pending;
  }

  // With a cache, inspects asking for one digest at once share one fetch; a fetch shared with a
  // caller who went away (aborted) is done again for this one.
  const shared = async <T>(
    load: (fetch: () => Promise<T>) => Promise<T>,
    fetch: () => Promise<T>,
  ): Promise<T> => {
    try {
      return await load(fetch);
    } catch (err) {
      if (isAppError(err) && err.code === 'ABORTED' && !signal?.aborted) return fetch();
      throw err;
    }
  };

  function fetchManifest(digest: string, expectedSize?: number): Promise<FetchedManifest> {
    const fetch = () =>
      client.getManifest(repo, digest, {
        signal,
        ...(expectedSize !== undefined ? { expectedSize } : {}),
      });
    return cache ? shared((f) => cache.loadManifest(repo, digest, f), fetch) : fetch();
  }

  const configs = new Map<string, Promise<Uint8Array>>();
  function configBytes(d: Descriptor): Promise<Uint8Array> {
    let pending = configs.get(d.digest);
    if (!pending) {
      pending = fetchConfig(d);
      configs.set(d.digest, pending);
    }
    return pending;
  }

  function fetchConfig(d: Descriptor): Promise<Uint8Array> {
    const fetch = () =>
      client.getBlobBytes(repo, d.digest, {
        maxBytes: MAX_CONFIG_BYTES,
        expectedSize: d.size,
        signal,
      });
    return cache ? shared((f) => cache.loadBlob(repo, d.digest, f), fetch) : fetch();
  }

  let top: FetchedManifest;
  if (isDigest(reference)) {
    top = await manifestByDigest(reference);
  } else {
    // One GET resolves the tag and brings its bytes (a HEAD first would cost a round trip): a
    // list is 1 request warm and 1 + 2N cold, the children coming from the cache by digest.
    top = await client.getManifest(repo, reference, { signal });
    cache?.setManifest(repo, top.parsed.digest, top);
  }
  const parsed = top.parsed;

  async function describeImage(
    p: ParsedManifest & { kind: 'image' },
    base: InspectedManifest,
  ): Promise<InspectedManifest> {
    const kind = classifyManifest(p) === 'artifact' ? 'artifact' : 'image';
    const layers: LayerInfo[] = p.layers.map((l) => ({
      digest: l.digest,
      mediaType: l.mediaType,
      size: l.size,
      ...(l.annotations ? { annotations: l.annotations } : {}),
    }));
    const artifactType = kind === 'artifact' ? artifactTypeOf(p) : p.artifactType;
    const out: InspectedManifest = {
      ...base,
      kind,
      ...(artifactType ? { artifactType } : {}),
      ...(p.annotations && !base.annotations ? { annotations: p.annotations } : {}),
      ...(p.subject ? { subject: p.subject } : {}),
      configDescriptor: {
        digest: p.config.digest,
        mediaType: p.config.mediaType,
        size: p.config.size,
      },
      layers,
      totalSize: p.raw.byteLength + p.config.size + layers.reduce((n, l) => n + l.size, 0),
    };
    if (IMAGE_CONFIG_TYPES.has(p.config.mediaType)) {
      try {
        const bytes = await limit(() => configBytes(p.config));
        out.config = parseImageConfig(bytes, p.config.digest);
      } catch (err) {
        out.error = childError(err);
      }
    }
    return out;
  }

  async function describeAll(list: Descriptor[], depth: number): Promise<InspectedManifest[]> {
    const described = await Promise.all(list.map((d) => describeChild(d, depth)));
    return described.filter((m): m is InspectedManifest => m !== undefined);
  }

  async function describeChild(
    d: Descriptor,
    depth: number,
  ): Promise<InspectedManifest | undefined> {
    if (!budget.take()) return undefined;
    const base: InspectedManifest = { ...descriptorFields(d), kind: 'unknown' };
    // Unknown child media types are shown as they are, never fetched or rejected.
    if (!isIndexMediaType(d.mediaType) && !isManifestLike(d.mediaType)) return base;
    try {
      const child = await limit(() => manifestByDigest(d.digest, d.size));
      const cp = child.parsed;
      if (cp.kind === 'image') return await describeImage(cp, base);
      const nested: InspectedManifest = {
        ...base,
        kind: 'index',
        ...(cp.artifactType ? { artifactType: cp.artifactType } : {}),
      };
      if (depth >= maxDepth) {
        budget.tooDeep();
        return {
          ...nested,
          error: {
            code: 'TOO_DEEP',
            message: `Indexes nested deeper than ${maxDepth} levels are not expanded`,
          },
        };
      }
      if (!budget.first(d.digest)) return { ...nested, repeated: true };
      const grouped = groupAttestations(await describeAll(cp.manifests, depth + 1));
      return { ...nested, manifests: [...grouped.runnable, ...grouped.orphans] };
    } catch (err) {
      return { ...base, error: childError(err) };
    }
  }

  const headers = {
    ...(top.headers.contentType ? { contentType: top.headers.contentType } : {}),
    ...(top.headers.dockerContentDigest
      ? { dockerContentDigest: top.headers.dockerContentDigest }
      : {}),
    ...(top.headers.contentLength !== undefined
      ? { contentLength: top.headers.contentLength }
      : {}),
  };
  const common = {
    reference: formatRef(ref, parsed.digest),
    registry: ref.registry,
    repository: ref.repository,
    ...(ref.tag ? { tag: ref.tag } : {}),
    digest: parsed.digest,
    mediaType: parsed.mediaType,
    size: parsed.raw.byteLength,
    headers,
    raw: new TextDecoder().decode(parsed.raw),
    ...(parsed.annotations ? { annotations: parsed.annotations } : {}),
    ...(parsed.artifactType ? { artifactType: parsed.artifactType } : {}),
    ...(parsed.subject ? { subject: parsed.subject } : {}),
  };

  if (parsed.kind === 'index') {
    budget.first(parsed.digest);
    const all = await describeAll(parsed.manifests, 1);
    const { runnable, orphans } = groupAttestations(all);
    const created = newestCreated(runnable);
    return {
      ...common,
      kind: 'index',
      format:
        parsed.mediaType === 'application/vnd.docker.distribution.manifest.list.v2+json'
          ? 'docker-list'
          : 'oci-index',
      manifests: runnable,
      ...(orphans.length ? { orphanAttestations: orphans } : {}),
      totalSize: distinctSize(parsed.raw.byteLength, runnable.concat(orphans)),
      ...(created ? { created } : {}),
      ...budget.outcome(),
    };
  }

  const image = await describeImage(parsed, { ...common, kind: 'image' });
  const format =
    image.kind === 'artifact'
      ? 'artifact'
      : parsed.mediaType === 'application/vnd.docker.distribution.manifest.v2+json'
        ? 'docker-image'
        : 'oci-image';
  const platform =
    image.config?.architecture && image.config.os
      ? {
          os: image.config.os,
          architecture: image.config.architecture,
          ...(image.config.variant ? { variant: image.config.variant } : {}),
          ...(image.config['os.version'] ? { 'os.version': image.config['os.version'] } : {}),
        }
      : undefined;
  return {
    ...common,
    ...image,
    ...(platform ? { platform } : {}),
    format,
    totalSize: distinctSize(0, [image]),
    ...(image.config?.created ? { created: image.config.created } : {}),
  };
}

/**
 * Returns an artifact's type: its `artifactType`, or (image-spec 1.1) its config's media type
 * when that is not the empty descriptor; undefined when neither says.
 */
export function artifactTypeOf(p: {
  artifactType?: string | undefined;
  config: { mediaType: string };
}): string | undefined {
  if (p.artifactType) return p.artifactType;
  return p.config.mediaType === MediaType.OciEmpty || IMAGE_CONFIG_TYPES.has(p.config.mediaType)
    ? undefined
    : p.config.mediaType;
}

function isManifestLike(mediaType: string): boolean {
  return (
    mediaType === 'application/vnd.oci.image.manifest.v1+json' ||
    mediaType === 'application/vnd.docker.distribution.manifest.v2+json'
  );
}

function formatRef(ref: ImageReference, digest: string): string {
  const base = `${ref.registry}/${ref.repository}`;
  return ref.tag ? `${base}:${ref.tag}@${digest}` : `${base}@${digest}`;
}

/** Moves attestation entries under the platform entry they describe; sorts runnable entries for display. */
export function groupAttestations(children: InspectedManifest[]): {
  runnable: InspectedManifest[];
  orphans: InspectedManifest[];
} {
  const byDigest = new Map<string, InspectedManifest>();
  const runnable: InspectedManifest[] = [];
  const attestations: InspectedManifest[] = [];
  for (const c of children) {
    const desc = {
      mediaType: c.mediaType,
      digest: c.digest,
      size: c.size,
      ...(c.annotations ? { annotations: c.annotations } : {}),
    };
    if (isAttestation(desc)) attestations.push(c);
    else {
      runnable.push(c);
      byDigest.set(c.digest, c);
    }
  }
  const orphans: InspectedManifest[] = [];
  for (const a of attestations) {
    const target = attestationTarget({
      mediaType: a.mediaType,
      digest: a.digest,
      size: a.size,
      ...(a.annotations ? { annotations: a.annotations } : {}),
    });
    const owner = target ? byDigest.get(target) : undefined;
    if (owner) (owner.attestations ??= []).push(a);
    else orphans.push(a);
  }
  // Keep the registry's order for entries without platform; sort those with one.
  return { runnable, orphans };
}

/** Returns the entries sorted in Manifold's stable platform display order. */
export function sortByPlatform<T extends { platform?: Platform }>(entries: T[]): T[] {
  return [...entries].sort((a, b) => {
    if (!a.platform || !b.platform) return a.platform ? -1 : b.platform ? 1 : 0;
    return comparePlatforms(a.platform, b.platform);
  });
}

function newestCreated(children: InspectedManifest[]): string | undefined {
  let newest: string | undefined;
  for (const c of children) {
    const created = c.config?.created;
    if (created && (!newest || Date.parse(created) > Date.parse(newest))) newest = created;
  }
  return newest;
}

function distinctSize(indexBytes: number, entries: InspectedManifest[]): number {
  const seen = new Map<string, number>();
  const visit = (m: InspectedManifest): void => {
    seen.set(m.digest, m.size);
    if (m.configDescriptor) seen.set(m.configDescriptor.digest, m.configDescriptor.size);
    for (const l of m.layers ?? []) seen.set(l.digest, l.size);
    for (const a of m.attestations ?? []) visit(a);
    for (const c of m.manifests ?? []) visit(c);
  };
  entries.forEach(visit);
  let total = indexBytes;
  for (const size of seen.values()) total += size;
  return total;
}

/** Throws when the reference names a legacy or unknown manifest kind that Manifold cannot show. */
export function assertInspectable(mediaType: string): void {
  if (!isIndexMediaType(mediaType) && !isManifestLike(mediaType)) {
    throw new AppError(
      'UNSUPPORTED_MEDIA_TYPE',
      `Manifold cannot show manifests of type ${mediaType}`,
    );
  }
}
