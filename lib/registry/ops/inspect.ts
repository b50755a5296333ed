import type { RegistryClient } from '../client';
import { isDigest } from '../digest';
import type { ParsedManifest } from '../manifest';
import type { FetchedManifest } from './manifests';
import type { ImageReference } from '../reference';
import { distinctSize, formatRef, groupAttestations, newestCreated } from './inspect-tree';
import {
  createInspectRun,
  describeAll,
  describeImage,
  manifestByDigest,
  type InspectRun,
} from './inspect-run';
import type { InspectOptions, InspectResult } from './inspect-types';

export type * from './inspect-types';
export {
  artifactTypeOf,
  assertInspectable,
  groupAttestations,
  sortByPlatform,
} from './inspect-tree';

/** The fields every answer has, from the top manifest as fetched. */
function commonFields(ref: ImageReference, top: FetchedManifest) {
  const parsed = top.parsed;
  const h = top.headers;
  return {
    reference: formatRef(ref, parsed.digest),
    registry: ref.registry,
    repository: ref.repository,
    ...(ref.tag ? { tag: ref.tag } : {}),
    digest: parsed.digest,
    mediaType: parsed.mediaType,
    size: parsed.raw.byteLength,
    headers: {
      ...(h.contentType ? { contentType: h.contentType } : {}),
      ...(h.dockerContentDigest ? { dockerContentDigest: h.dockerContentDigest } : {}),
      ...(h.contentLength !== undefined ? { contentLength: h.contentLength } : {}),
    },
    raw: new TextDecoder().decode(parsed.raw),
    ...(parsed.annotations ? { annotations: parsed.annotations } : {}),
    ...(parsed.artifactType ? { artifactType: parsed.artifactType } : {}),
    ...(parsed.subject ? { subject: parsed.subject } : {}),
  };
}

async function inspectIndex(
  run: InspectRun,
  parsed: ParsedManifest & { kind: 'index' },
  common: ReturnType<typeof commonFields>,
): Promise<InspectResult> {
  run.budget.first(parsed.digest);
  const all = await describeAll(run, parsed.manifests, 1);
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
    ...run.budget.outcome(),
  };
}

async function inspectImage(
  run: InspectRun,
  parsed: ParsedManifest & { kind: 'image' },
  common: ReturnType<typeof commonFields>,
): Promise<InspectResult> {
  const image = await describeImage(run, parsed, { ...common, kind: 'image' });
  const format =
    image.kind === 'artifact'
      ? 'artifact'
      : parsed.mediaType === 'application/vnd.docker.distribution.manifest.v2+json'
        ? 'docker-image'
        : 'oci-image';
  const c = image.config;
  const platform =
    c?.architecture && c.os
      ? {
          os: c.os,
          architecture: c.architecture,
          ...(c.variant ? { variant: c.variant } : {}),
          ...(c['os.version'] ? { 'os.version': c['os.version'] } : {}),
        }
      : undefined;
  return {
    ...common,
    ...image,
    ...(platform ? { platform } : {}),
    format,
    totalSize: distinctSize(0, [image]),
    ...(c?.created ? { created: c.created } : {}),
  };
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
  const run = createInspectRun(
    client,
    { registry: ref.registry, repository: ref.repository },
    opts,
  );
  const reference = ref.digest ?? ref.tag ?? 'latest';
  let top: FetchedManifest;
  if (isDigest(reference)) {
    top = await manifestByDigest(run, reference);
  } else {
    // One GET resolves the tag and brings its bytes (a HEAD first would cost a round trip): a
    // list is 1 request warm and 1 + 2N cold, the children coming from the cache by digest.
    top = await client.getManifest(run.repo, reference, { signal: run.signal });
    run.cache?.setManifest(run.repo, top.parsed.digest, top);
  }
  const common = commonFields(ref, top);
  const parsed = top.parsed;
  return parsed.kind === 'index'
    ? inspectIndex(run, parsed, common)
    : inspectImage(run, parsed, common);
}
