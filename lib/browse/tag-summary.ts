import {
  comparePlatforms,
  isUnknownPlatform,
  platformKey,
  type InspectedManifest,
  type InspectResult,
  type ImageConfig,
  type Platform,
} from '@/lib/registry';

/** What the tag list shows of one tag: enough for a row and the platform coverage matrix. */
export interface TagSummary {
  /** `registry/repository[:tag]@digest` as inspected. */
  reference: string;
  digest: string;
  kind: 'index' | 'image' | 'artifact';
  format: InspectResult['format'];
  /** Runnable platforms (attestations and `unknown/unknown` left out), deduplicated, in display order. */
  platforms: Platform[];
  totalSize: number;
  created?: string;
  artifactType?: string;
  /** How many child manifests could not be read (a list whose children were deleted, say). */
  childErrors: number;
  /** Each runnable image: its platform, digest (to pull by) and compressed size, in display order. */
  images?: SummaryImage[];
  /** The `org.opencontainers.image.source` annotation or label, when it is an http(s) URL. */
  source?: string;
}

/** One platform image of a tag, as the tag list's details show it. */
export interface SummaryImage {
  platform: Platform;
  digest: string;
  size: number;
}

const SOURCE_KEY = 'org.opencontainers.image.source';

/** Returns `value` when it is an absolute http or https URL (a link users may follow), else undefined. Never throws. */
export function safeHttpUrl(value: string | undefined): string | undefined {
  if (!value || value.length > 2048) return undefined;
  try {
    const url = new URL(value);
    return url.protocol === 'http:' || url.protocol === 'https:' ? url.href : undefined;
  } catch {
    return undefined;
  }
}

function sourceOf(result: InspectResult): string | undefined {
  const candidates = [
    result.annotations?.[SOURCE_KEY],
    result.config?.config?.Labels?.[SOURCE_KEY],
  ];
  for (const m of result.manifests ?? [])
    candidates.push(m.annotations?.[SOURCE_KEY], m.config?.config?.Labels?.[SOURCE_KEY]);
  for (const c of candidates) {
    const url = safeHttpUrl(c);
    if (url) return url;
  }
  return undefined;
}

const KIND_BY_FORMAT: Record<InspectResult['format'], TagSummary['kind']> = {
  'docker-list': 'index',
  'oci-index': 'index',
  'docker-image': 'image',
  'oci-image': 'image',
  artifact: 'artifact',
};

function compact(p: Platform): Platform {
  return {
    os: p.os,
    architecture: p.architecture,
    ...(p.variant ? { variant: p.variant } : {}),
    ...(p['os.version'] ? { 'os.version': p['os.version'] } : {}),
  };
}

function configPlatform(config: ImageConfig | undefined): Platform | undefined {
  if (!config?.os || !config.architecture) return undefined;
  return compact({
    os: config.os,
    architecture: config.architecture,
    ...(config.variant ? { variant: config.variant } : {}),
    ...(config['os.version'] ? { 'os.version': config['os.version'] } : {}),
  });
}

function collect(
  entries: InspectedManifest[],
  into: Map<string, Platform>,
  images: SummaryImage[],
): number {
  let errors = 0;
  for (const entry of entries) {
    if (entry.error) errors++;
    if (entry.manifests) {
      errors += collect(entry.manifests, into, images);
      continue;
    }
    // An index entry without `platform` still runs somewhere: its config says where.
    const platform = entry.platform ?? configPlatform(entry.config);
    if (!platform || isUnknownPlatform(platform)) continue;
    const key = platformKey(platform);
    if (!into.has(key)) into.set(key, compact(platform));
    if (!entry.error)
      images.push({
        platform: compact(platform),
        digest: entry.digest,
        size: entry.totalSize ?? entry.size,
      });
  }
  return errors;
}

/** Returns the compact summary of an inspection (nested indexes flattened into their platforms); never throws. */
export function summarize(result: InspectResult): TagSummary {
  const platforms = new Map<string, Platform>();
  const images: SummaryImage[] = [];
  let childErrors = 0;
  if (result.manifests) childErrors = collect(result.manifests, platforms, images);
  else if (result.platform && !isUnknownPlatform(result.platform)) {
    platforms.set(platformKey(result.platform), compact(result.platform));
    images.push({
      platform: compact(result.platform),
      digest: result.digest,
      size: result.totalSize,
    });
  }
  const source = sourceOf(result);
  return {
    reference: result.reference,
    digest: result.digest,
    kind: KIND_BY_FORMAT[result.format],
    format: result.format,
    platforms: [...platforms.values()].sort(comparePlatforms),
    totalSize: result.totalSize,
    ...(result.created ? { created: result.created } : {}),
    ...(result.artifactType ? { artifactType: result.artifactType } : {}),
    childErrors,
    images: images.sort((a, b) => comparePlatforms(a.platform, b.platform)),
    ...(source ? { source } : {}),
  };
}
