import { AppError } from '@/lib/errors';
import { attestationTarget, isAttestation } from '../descriptor';
import { isIndexMediaType, MediaType } from '../media-types';
import { comparePlatforms, type Platform } from '../platform';
import type { ImageReference } from '../reference';
import type { InspectedManifest } from './inspect-types';

/** The image config media types whose content Manifold reads (an artifact's config is not one). */
export const IMAGE_CONFIG_TYPES = new Set([
  'application/vnd.docker.container.image.v1+json',
  'application/vnd.oci.image.config.v1+json',
]);

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

/** Returns true for the image manifest media types (OCI and Docker v2). */
export function isManifestLike(mediaType: string): boolean {
  return (
    mediaType === 'application/vnd.oci.image.manifest.v1+json' ||
    mediaType === 'application/vnd.docker.distribution.manifest.v2+json'
  );
}

/** Returns 'registry/repository[:tag]@digest' for an inspected reference. */
export function formatRef(ref: ImageReference, digest: string): string {
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

/** Returns the newest `created` of the images' configs, when any has one. */
export function newestCreated(children: InspectedManifest[]): string | undefined {
  let newest: string | undefined;
  for (const c of children) {
    const created = c.config?.created;
    if (created && (!newest || Date.parse(created) > Date.parse(newest))) newest = created;
  }
  return newest;
}

/** Returns the compressed bytes under the entries, each distinct blob and manifest counted once. */
export function distinctSize(indexBytes: number, entries: InspectedManifest[]): number {
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
