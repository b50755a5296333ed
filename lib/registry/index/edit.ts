import { sha256Digest } from '../hash';
import { AppError } from '@/lib/errors';
import { attestationTarget, isAttestation } from '../descriptor';
import type { Descriptor } from '../descriptor';
import type { ParsedIndex } from '../manifest';
import { MediaType } from '../media-types';
import { isUnknownPlatform, platformKey, type Platform } from '../platform';
import type { AnnotatePatch, IndexDraft, IndexEntry, SerializedIndex } from './types';

/** Returns a draft holding the entries of a parsed index (format from its media type). */
export function draftFromIndex(parsed: ParsedIndex, source?: string): IndexDraft {
  const draft: IndexDraft = {
    format: parsed.mediaType === MediaType.DockerManifestList ? 'docker' : 'oci',
    entries: parsed.manifests.map((descriptor) => entry(descriptor, source)),
  };
  if (parsed.annotations !== undefined) draft.annotations = { ...parsed.annotations };
  if (parsed.artifactType !== undefined) draft.artifactType = parsed.artifactType;
  if (parsed.subject !== undefined) draft.subject = structuredClone(parsed.subject);
  return draft;
}

/**
 * Returns the draft with the entries added: runnable entries before the attestations, attestations
 * at the end. A digest already present is skipped, or replaced when `opts.replace`. With
 * `opts.replace`, a runnable entry whose platform (normalised) is already present replaces that
 * entry in place and drops the attestations of the replaced one; without it the entry is added and
 * validateDraft reports DUPLICATE_PLATFORM.
 */
export function addEntries(
  d: IndexDraft,
  entries: readonly IndexEntry[],
  opts: { replace?: boolean } = {},
): IndexDraft {
  let out = [...d.entries];
  for (const added of entries) {
    const copy = entry(added.descriptor, added.source);
    const same = out.findIndex((e) => e.descriptor.digest === copy.descriptor.digest);
    if (same !== -1) {
      if (!opts.replace) continue;
      // Same kind: replace in place. An image turning into an attestation (or back) moves, so
      // attestations stay after every runnable entry.
      if (isAttestation(out[same]!.descriptor) === isAttestation(copy.descriptor)) {
        out[same] = copy;
        continue;
      }
      out.splice(same, 1);
    }
    if (isAttestation(copy.descriptor)) {
      out.push(copy);
      continue;
    }
    const platform = copy.descriptor.platform;
    if (opts.replace && platform !== undefined && !isUnknownPlatform(platform)) {
      const key = platformKey(platform);
      const clash = out.findIndex(
        (e) =>
          !isAttestation(e.descriptor) &&
          e.descriptor.platform !== undefined &&
          platformKey(e.descriptor.platform) === key,
      );
      const replaced = out[clash];
      if (replaced !== undefined) {
        const oldDigest = replaced.descriptor.digest;
        out[clash] = copy;
        out = out.filter((e) => attestationTarget(e.descriptor) !== oldDigest);
        continue;
      }
    }
    const firstAttestation = out.findIndex((e) => isAttestation(e.descriptor));
    out.splice(firstAttestation === -1 ? out.length : firstAttestation, 0, copy);
  }
  return { ...d, entries: out };
}

/**
 * Returns the draft without the entry, and without the attestations that point at it.
 * Throws NOT_FOUND when no entry has that digest.
 */
export function removeEntry(d: IndexDraft, digest: string): IndexDraft {
  requireEntry(d, digest);
  return {
    ...d,
    entries: d.entries.filter(
      (e) => e.descriptor.digest !== digest && attestationTarget(e.descriptor) !== digest,
    ),
  };
}

/**
 * Returns the draft with the entry moved to position `toIndex` (clamped). Runnable entries move
 * among runnable entries and attestations among attestations, which stay after all runnable
 * entries, ordered like the entries they describe. Throws NOT_FOUND for an unknown digest.
 */
export function moveEntry(d: IndexDraft, digest: string, toIndex: number): IndexDraft {
  const moving = requireEntry(d, digest);
  const runnable = d.entries.filter((e) => !isAttestation(e.descriptor));
  let attestations = d.entries.filter((e) => isAttestation(e.descriptor));

  if (isAttestation(moving.descriptor)) {
    attestations = moveWithin(attestations, moving, toIndex - runnable.length);
    return { ...d, entries: [...runnable, ...attestations] };
  }
  const moved = moveWithin(runnable, moving, toIndex);
  const rank = new Map(moved.map((e, i) => [e.descriptor.digest, i]));
  const order = (e: IndexEntry) => rank.get(attestationTarget(e.descriptor) ?? '') ?? moved.length;
  // Array.prototype.sort is stable, so attestations of one entry keep their order.
  attestations = [...attestations].sort((a, b) => order(a) - order(b));
  return { ...d, entries: [...moved, ...attestations] };
}

/**
 * Returns the draft with the entry's platform and/or annotations patched.
 * Throws NOT_FOUND for an unknown digest.
 */
export function annotateEntry(d: IndexDraft, digest: string, patch: AnnotatePatch): IndexDraft {
  const target = requireEntry(d, digest);
  const descriptor: Descriptor = structuredClone(target.descriptor);

  if (patch.platform === null) {
    delete descriptor.platform;
  } else if (patch.platform !== undefined) {
    const next: Record<string, unknown> = {
      ...(descriptor.platform ?? { os: '', architecture: '' }),
    };
    for (const [key, value] of Object.entries(patch.platform)) {
      const empty =
        value === undefined || value === '' || (Array.isArray(value) && value.length === 0);
      if (!empty) next[key] = value;
      else if (key === 'os' || key === 'architecture') next[key] = '';
      else delete next[key];
    }
    descriptor.platform = next as unknown as Platform;
  }

  if (patch.annotations !== undefined) {
    descriptor.annotations = patchAnnotations(descriptor.annotations, patch.annotations);
    if (descriptor.annotations === undefined) delete descriptor.annotations;
  }

  return {
    ...d,
    entries: d.entries.map((e) => (e === target ? { ...e, descriptor } : e)),
  };
}

/** Returns the draft with its index-level annotations patched (null removes a key). */
export function setIndexAnnotations(
  d: IndexDraft,
  patch: Record<string, string | null>,
): IndexDraft {
  const out: IndexDraft = { ...d };
  const annotations = patchAnnotations(d.annotations, patch);
  if (annotations === undefined) delete out.annotations;
  else out.annotations = annotations;
  return out;
}

/**
 * Returns the index as bytes ready to PUT, with its media type, sha256 digest and size.
 * Output is `JSON.stringify(index, null, 2)` (the layout buildx imagetools writes), keys in a fixed
 * order: schemaVersion, mediaType, artifactType, manifests, subject, annotations; descriptors as
 * mediaType, digest, size, platform (architecture, os, os.version, os.features, variant, features),
 * annotations, artifactType, urls, data, then any other fields they carried. Annotation keys are
 * sorted (as Go's encoder does). The Docker format drops annotations, artifactType and subject at
 * the index level (validateDraft reports them first). Never throws.
 */
export function serializeIndex(d: IndexDraft): SerializedIndex {
  const oci = d.format === 'oci';
  const mediaType = oci ? MediaType.OciIndex : MediaType.DockerManifestList;
  const index: Record<string, unknown> = { schemaVersion: 2, mediaType };
  if (oci && d.artifactType) index.artifactType = d.artifactType;
  index.manifests = d.entries.map((e) => orderDescriptor(e.descriptor));
  if (oci && d.subject) index.subject = orderDescriptor(d.subject);
  if (oci && hasKeys(d.annotations)) index.annotations = sortKeys(d.annotations);
  const bytes = new TextEncoder().encode(JSON.stringify(index, null, 2));
  return { bytes, mediaType, digest: sha256Digest(bytes), size: bytes.byteLength };
}

// ---------------------------------------------------------------------------------------------

const DESCRIPTOR_KEYS = [
  'mediaType',
  'digest',
  'size',
  'platform',
  'annotations',
  'artifactType',
  'urls',
  'data',
];
const PLATFORM_KEYS = ['architecture', 'os', 'os.version', 'os.features', 'variant', 'features'];

function orderDescriptor(desc: Descriptor): Record<string, unknown> {
  const src = desc as unknown as Record<string, unknown>;
  const out: Record<string, unknown> = {};
  for (const key of DESCRIPTOR_KEYS) {
    const value = src[key];
    if (value === undefined) continue;
    if (key === 'platform') out.platform = orderPlatform(value as Record<string, unknown>);
    else if (key === 'annotations') {
      if (hasKeys(value as Record<string, string>))
        out.annotations = sortKeys(value as Record<string, string>);
    } else out[key] = value;
  }
  for (const [key, value] of Object.entries(src)) {
    if (!DESCRIPTOR_KEYS.includes(key) && value !== undefined) out[key] = value;
  }
  return out;
}

function orderPlatform(p: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const key of PLATFORM_KEYS) {
    const value = p[key];
    const required = key === 'architecture' || key === 'os';
    if (
      value === undefined ||
      (!required && (value === '' || (Array.isArray(value) && value.length === 0)))
    ) {
      continue;
    }
    out[key] = value;
  }
  for (const [key, value] of Object.entries(p)) {
    if (!PLATFORM_KEYS.includes(key) && value !== undefined) out[key] = value;
  }
  return out;
}

function sortKeys(record: Record<string, string>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const key of Object.keys(record).sort()) out[key] = record[key] ?? '';
  return out;
}

function hasKeys(record: Record<string, string> | undefined): record is Record<string, string> {
  return record !== undefined && Object.keys(record).length > 0;
}

function patchAnnotations(
  current: Record<string, string> | undefined,
  patch: Record<string, string | null>,
): Record<string, string> | undefined {
  const next: Record<string, string> = { ...current };
  for (const [key, value] of Object.entries(patch)) {
    if (value === null) delete next[key];
    else next[key] = value;
  }
  return Object.keys(next).length > 0 ? next : undefined;
}

function entry(descriptor: Descriptor, source: string | undefined): IndexEntry {
  const e: IndexEntry = { descriptor: structuredClone(descriptor) };
  if (source !== undefined) e.source = source;
  return e;
}

function requireEntry(d: IndexDraft, digest: string): IndexEntry {
  const found = d.entries.find((e) => e.descriptor.digest === digest);
  if (found === undefined) {
    throw new AppError('NOT_FOUND', `The index has no entry ${digest}`);
  }
  return found;
}

function moveWithin(list: IndexEntry[], item: IndexEntry, to: number): IndexEntry[] {
  const rest = list.filter((e) => e !== item);
  const at = Math.max(0, Math.min(rest.length, Math.trunc(to)));
  rest.splice(at, 0, item);
  return rest;
}
