import {
  descriptorFields,
  attestationTarget,
  isAttestation,
  parseImageConfig,
  MediaType,
  formatPlatform,
  formatReference,
  parseReference,
  type IndexEntry,
  type RegistryClient,
  type Descriptor,
  type ParsedManifest,
  type Platform,
  type ImageReference,
} from '@/lib/registry';
import { AppError } from '@/lib/errors';

/** One image (or attestation) a reference offers for a draft. */
export interface Candidate {
  digest: string;
  mediaType: string;
  size: number;
  platform?: Platform;
  annotations?: Record<string, string>;
  artifactType?: string;
  /** A BuildKit attestation: added with the platform it describes, never on its own. */
  attestation: boolean;
  /** Digest of the image an attestation describes. */
  attestationFor?: string;
  /** Where the entry will be copied from: 'registry/repository[:tag]@digest'. */
  source: string;
}

/** What a typed reference points at, ready to add to a draft. */
export interface ResolvedReference {
  /** 'registry/repository[:tag]@digest' */
  reference: string;
  registry: string;
  repository: string;
  tag?: string;
  digest: string;
  mediaType: string;
  kind: 'image' | 'index';
  /** The images it offers: one for an image, every entry for a list (attestations included). */
  candidates: Candidate[];
}

export interface AddSelection {
  /** For a list: digests of the entries to add (attestations follow their image). Default: all. */
  platforms?: string[];
  /** Set by hand, like `podman manifest add --os --arch --variant --os-version --features`. */
  platform?: Partial<Platform>;
  /** Entry annotations, like `podman manifest add --annotation key=value`. */
  annotations?: Record<string, string>;
}

const IMAGE_CONFIG_TYPES = new Set<string>([MediaType.DockerConfig, MediaType.OciConfig]);

/** Returns the platform an image config declares (os, architecture, variant, os.version, os.features), if any. */
export async function platformFromConfig(
  client: Pick<RegistryClient, 'getBlobBytes'>,
  repo: { registry: string; repository: string },
  manifest: ParsedManifest & { kind: 'image' },
  signal?: AbortSignal,
): Promise<Platform | undefined> {
  if (!IMAGE_CONFIG_TYPES.has(manifest.config.mediaType)) return undefined;
  const bytes = await client.getBlobBytes(repo, manifest.config.digest, {
    expectedSize: manifest.config.size,
    ...(signal ? { signal } : {}),
  });
  const config = parseImageConfig(bytes, manifest.config.digest);
  if (!config.os || !config.architecture) return undefined;
  const p: Platform = { os: config.os, architecture: config.architecture };
  if (config.variant) p.variant = config.variant;
  if (config['os.version']) p['os.version'] = config['os.version'];
  if (config['os.features']?.length) p['os.features'] = [...config['os.features']];
  return p;
}

/** Returns the reference a user typed for a draft, on `defaultRegistry` when it names none. Throws INVALID_REFERENCE. */
export function parseDraftReference(input: string, defaultRegistry?: string): ImageReference {
  return parseReference(input, defaultRegistry ? { defaultRegistry } : {});
}

/**
 * Returns what a reference points at, as candidate entries: a single image with the platform from
 * its config, or every entry of a list. Throws INVALID_REFERENCE, MANIFEST_UNKNOWN and the
 * registry's other errors.
 */
export async function resolveReference(
  client: Pick<RegistryClient, 'getManifest' | 'getBlobBytes'>,
  input: string,
  opts: { defaultRegistry?: string; signal?: AbortSignal } = {},
): Promise<ResolvedReference> {
  const ref = parseDraftReference(input, opts.defaultRegistry);
  const repo = { registry: ref.registry, repository: ref.repository };
  const fetched = await client.getManifest(
    repo,
    ref.digest ?? ref.tag ?? 'latest',
    opts.signal ? { signal: opts.signal } : {},
  );
  const parsed = fetched.parsed;
  const pinned: ImageReference = {
    ...repo,
    ...(ref.tag ? { tag: ref.tag } : {}),
    digest: parsed.digest,
  };
  const base = {
    reference: formatReference(pinned),
    registry: ref.registry,
    repository: ref.repository,
    ...(ref.tag ? { tag: ref.tag } : {}),
    digest: parsed.digest,
    mediaType: parsed.mediaType,
  };

  if (parsed.kind === 'image') {
    const platform = await platformFromConfig(client, repo, parsed, opts.signal);
    const candidate: Candidate = {
      digest: parsed.digest,
      mediaType: parsed.mediaType,
      size: parsed.size,
      attestation: false,
      source: formatReference(pinned),
      ...(platform ? { platform } : {}),
      ...(parsed.artifactType ? { artifactType: parsed.artifactType } : {}),
    };
    return { ...base, kind: 'image', candidates: [candidate] };
  }

  const candidates = parsed.manifests.map((d): Candidate => {
    const target = attestationTarget(d);
    return {
      ...descriptorFields(d),
      attestation: isAttestation(d),
      ...(target ? { attestationFor: target } : {}),
      source: formatReference({ ...repo, digest: d.digest }),
    };
  });
  return { ...base, kind: 'index', candidates };
}

/**
 * Returns the index entries to add for a resolved reference: the chosen images of a list (all by
 * default) with the attestations that describe them, or the single image; with hand-set platform
 * fields and annotations applied to the images. Throws INVALID_ARGUMENT when a chosen digest is not
 * in the list, or when platform fields are set for more than one image.
 */
export function entriesToAdd(
  resolved: ResolvedReference,
  selection: AddSelection = {},
): IndexEntry[] {
  const images = resolved.candidates.filter((c) => !c.attestation);
  let chosen = images;
  if (selection.platforms !== undefined) {
    const wanted = new Set(selection.platforms);
    for (const digest of wanted) {
      if (!resolved.candidates.some((c) => c.digest === digest)) {
        throw new AppError('INVALID_ARGUMENT', `${resolved.reference} has no entry ${digest}`);
      }
    }
    chosen = images.filter((c) => wanted.has(c.digest));
    if (chosen.length === 0)
      throw new AppError('INVALID_ARGUMENT', 'Choose at least one platform to add');
  }
  const hasOverride =
    selection.platform !== undefined &&
    Object.values(selection.platform).some((v) => v !== undefined && v !== '');
  if (hasOverride && chosen.length > 1) {
    throw new AppError(
      'INVALID_ARGUMENT',
      'Platform fields can be set by hand for one image at a time: choose a single platform',
    );
  }
  const chosenDigests = new Set(chosen.map((c) => c.digest));
  const attestations = resolved.candidates.filter(
    (c) => c.attestation && c.attestationFor && chosenDigests.has(c.attestationFor),
  );

  const toEntry = (c: Candidate, own: boolean): IndexEntry => {
    const descriptor: Descriptor = { mediaType: c.mediaType, digest: c.digest, size: c.size };
    let platform = c.platform ? { ...c.platform } : undefined;
    if (own && hasOverride) platform = applyPlatform(platform, selection.platform!);
    if (platform) descriptor.platform = platform;
    const annotations = { ...c.annotations, ...(own ? selection.annotations : {}) };
    if (Object.keys(annotations).length > 0) descriptor.annotations = annotations;
    if (c.artifactType) descriptor.artifactType = c.artifactType;
    return { descriptor, source: c.source };
  };
  return [...chosen.map((c) => toEntry(c, true)), ...attestations.map((c) => toEntry(c, false))];
}

function applyPlatform(current: Platform | undefined, patch: Partial<Platform>): Platform {
  const next: Record<string, unknown> = { ...(current ?? { os: '', architecture: '' }) };
  for (const [key, value] of Object.entries(patch)) {
    if (value === undefined || value === '' || (Array.isArray(value) && value.length === 0))
      continue;
    next[key] = value;
  }
  return next as unknown as Platform;
}

/** Returns a short label for an entry: 'linux/arm64/v8', 'attestation for linux/amd64', or the media type. */
export function entryLabel(descriptor: Descriptor, all: readonly Descriptor[] = []): string {
  const target = attestationTarget(descriptor);
  if (target) {
    const image = all.find((d) => d.digest === target);
    return `attestation for ${image?.platform ? formatPlatform(image.platform, { osVersion: true }) : target.slice(0, 19)}`;
  }
  if (descriptor.platform && (descriptor.platform.os || descriptor.platform.architecture)) {
    return formatPlatform(descriptor.platform, { osVersion: true });
  }
  return descriptor.artifactType ?? descriptor.mediaType;
}
