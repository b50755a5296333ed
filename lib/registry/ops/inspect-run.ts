import pLimit from 'p-limit';

import type { RegistryClient, RepositoryRef } from '../client';
import type { ContentCache } from './content-cache';
import { createInspectBudget } from './inspect-budget';
import { descriptorFields, type Descriptor } from '../descriptor';
import { isAppError } from '@/lib/errors';
import { classifyManifest, type ParsedManifest } from '../manifest';
import { MAX_CONFIG_BYTES, parseImageConfig } from '../image-config';
import type { FetchedManifest } from './manifests';
import { isIndexMediaType } from '../media-types';
import {
  artifactTypeOf,
  groupAttestations,
  IMAGE_CONFIG_TYPES,
  isManifestLike,
} from './inspect-tree';
import type { ChildError, InspectedManifest, InspectOptions, LayerInfo } from './inspect-types';

/**
 * The walk of one inspect: every child manifest and config fetched once, at the concurrency the
 * work needs, each child failing on its own (its `error`) without failing the list.
 */

// All children of a usual list at once, then all their configs at once: three dependent round
// trips. The transport still bounds the connections per registry.
const DEFAULT_CONCURRENCY = 32;

function childError(err: unknown): ChildError {
  if (isAppError(err)) return { code: err.code, message: err.message };
  return { code: 'UNKNOWN', message: err instanceof Error ? err.message : String(err) };
}

/** One inspect call: where it reads, its bounds, and every digest it fetched (each once). */
export interface InspectRun {
  client: RegistryClient;
  repo: RepositoryRef;
  signal: AbortSignal | undefined;
  cache: ContentCache | undefined;
  limit: ReturnType<typeof pLimit>;
  maxDepth: number;
  budget: ReturnType<typeof createInspectBudget>;
  manifests: Map<string, Promise<FetchedManifest>>;
  configs: Map<string, Promise<Uint8Array>>;
}

/** Returns the one pending result of `key`, starting `load` the first time it is asked. */
function once<T>(map: Map<string, Promise<T>>, key: string, load: () => Promise<T>): Promise<T> {
  let pending = map.get(key);
  if (!pending) {
    pending = load();
    map.set(key, pending);
  }
  return pending;
}

// With a cache, inspects asking for one digest at once share one fetch; a fetch shared with a
// caller who went away (aborted) is done again for this one.
async function shared<T>(
  run: InspectRun,
  load: (fetch: () => Promise<T>) => Promise<T>,
  fetch: () => Promise<T>,
): Promise<T> {
  try {
    return await load(fetch);
  } catch (err) {
    if (isAppError(err) && err.code === 'ABORTED' && !run.signal?.aborted) return fetch();
    throw err;
  }
}

/** Returns the manifest of a digest, fetched once per inspect (and shared through the cache). */
export function manifestByDigest(
  run: InspectRun,
  digest: string,
  expectedSize?: number,
): Promise<FetchedManifest> {
  return once(run.manifests, digest, () => {
    const fetch = () =>
      run.client.getManifest(run.repo, digest, {
        signal: run.signal,
        ...(expectedSize !== undefined ? { expectedSize } : {}),
      });
    const cache = run.cache;
    return cache ? shared(run, (f) => cache.loadManifest(run.repo, digest, f), fetch) : fetch();
  });
}

function configBytes(run: InspectRun, d: Descriptor): Promise<Uint8Array> {
  return once(run.configs, d.digest, () => {
    const fetch = () =>
      run.client.getBlobBytes(run.repo, d.digest, {
        maxBytes: MAX_CONFIG_BYTES,
        expectedSize: d.size,
        signal: run.signal,
      });
    const cache = run.cache;
    return cache ? shared(run, (f) => cache.loadBlob(run.repo, d.digest, f), fetch) : fetch();
  });
}

/** Returns an image or artifact entry with its layers and (for images) its parsed config. */
export async function describeImage(
  run: InspectRun,
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
      const bytes = await run.limit(() => configBytes(run, p.config));
      out.config = parseImageConfig(bytes, p.config.digest);
    } catch (err) {
      out.error = childError(err);
    }
  }
  return out;
}

/** Returns the entries of a list, each described on its own (budget permitting). */
export async function describeAll(
  run: InspectRun,
  list: Descriptor[],
  depth: number,
): Promise<InspectedManifest[]> {
  const described = await Promise.all(list.map((d) => describeChild(run, d, depth)));
  return described.filter((m): m is InspectedManifest => m !== undefined);
}

async function describeNested(
  run: InspectRun,
  d: Descriptor,
  cp: ParsedManifest & { kind: 'index' },
  base: InspectedManifest,
  depth: number,
): Promise<InspectedManifest> {
  const nested: InspectedManifest = {
    ...base,
    kind: 'index',
    ...(cp.artifactType ? { artifactType: cp.artifactType } : {}),
  };
  if (depth >= run.maxDepth) {
    run.budget.tooDeep();
    const message = `Indexes nested deeper than ${run.maxDepth} levels are not expanded`;
    return { ...nested, error: { code: 'TOO_DEEP', message } };
  }
  if (!run.budget.first(d.digest)) return { ...nested, repeated: true };
  const grouped = groupAttestations(await describeAll(run, cp.manifests, depth + 1));
  return { ...nested, manifests: [...grouped.runnable, ...grouped.orphans] };
}

async function describeChild(
  run: InspectRun,
  d: Descriptor,
  depth: number,
): Promise<InspectedManifest | undefined> {
  if (!run.budget.take()) return undefined;
  const base: InspectedManifest = { ...descriptorFields(d), kind: 'unknown' };
  // Unknown child media types are shown as they are, never fetched or rejected.
  if (!isIndexMediaType(d.mediaType) && !isManifestLike(d.mediaType)) return base;
  try {
    const child = await run.limit(() => manifestByDigest(run, d.digest, d.size));
    const cp = child.parsed;
    if (cp.kind === 'image') return await describeImage(run, cp, base);
    return await describeNested(run, d, cp, base, depth);
  } catch (err) {
    return { ...base, error: childError(err) };
  }
}

/** Returns the state of one inspect call. */
export function createInspectRun(
  client: RegistryClient,
  repo: RepositoryRef,
  opts: InspectOptions,
): InspectRun {
  const maxDepth = opts.maxDepth ?? 4;
  return {
    client,
    repo,
    signal: opts.signal,
    cache: opts.cache,
    limit: pLimit(opts.concurrency ?? DEFAULT_CONCURRENCY),
    maxDepth,
    budget: createInspectBudget(opts.maxManifests, maxDepth),
    manifests: new Map(),
    configs: new Map(),
  };
}
