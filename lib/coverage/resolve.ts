import {
  classifyManifest,
  formatPlatform,
  isAppError,
  isAttestation,
  isIndexMediaType,
  isUnknownPlatform,
  normalizePlatform,
  comparePlatforms,
  parseImageConfig,
  parsePlatform,
  type Descriptor,
  type FetchedManifest,
  type Platform,
  type RegistryClient,
  type RepositoryRef,
} from '@/lib/registry';

import type { RequestGate } from './gate';

/** A child of a list that could not be read: the platform it claims, and why. */
export interface BrokenChild {
  platform: string;
  digest: string;
  code: string;
}

/** What one manifest (by digest) runs on: cached per repository and digest, since content by digest never changes. */
export interface DigestCoverage {
  kind: 'index' | 'image' | 'artifact';
  /** Runnable platforms as `os/arch[/variant]`, normalised (linux/arm64/v8 is linux/arm64), display order. */
  platforms: string[];
  broken: BrokenChild[];
  /** Image config `created`, or the index's `org.opencontainers.image.created` annotation. */
  created?: string;
  /** A list's entries by digest: a tag on one of them is a part of a release, not a release. */
  children?: string[];
}

/** The in-memory content cache the server already keeps (manifests and blobs by digest). */
export interface ContentCacheLike {
  getManifest(repo: RepositoryRef, digest: string): FetchedManifest | undefined;
  setManifest(repo: RepositoryRef, digest: string, value: FetchedManifest): void;
  getBlob(repo: RepositoryRef, digest: string): Uint8Array | undefined;
  setBlob(repo: RepositoryRef, digest: string, bytes: Uint8Array): void;
}

export interface ResolveContext {
  client: RegistryClient;
  gate: RequestGate;
  cache?: ContentCacheLike;
  signal?: AbortSignal;
}

const MAX_DEPTH = 3;
const CREATED_ANNOTATION = 'org.opencontainers.image.created';

/** Returns `os/arch[/variant]` of a platform after normalisation. */
export function platformName(p: Platform): string {
  return formatPlatform(normalizePlatform(p));
}

/** Returns platform names in display order (linux first, amd64, arm64, ...), without duplicates. */
export function sortPlatformNames(names: Iterable<string>): string[] {
  return [...new Set(names)].sort((a, b) => comparePlatforms(parsePlatform(a), parsePlatform(b)));
}

async function fetchManifest(
  ctx: ResolveContext,
  repo: RepositoryRef,
  digest: string,
): Promise<FetchedManifest> {
  const hit = ctx.cache?.getManifest(repo, digest);
  if (hit) return hit;
  const got = await ctx.gate.run(() =>
    ctx.client.getManifest(repo, digest, ctx.signal ? { signal: ctx.signal } : {}),
  );
  ctx.cache?.setManifest(repo, digest, got);
  return got;
}

async function imagePlatform(
  ctx: ResolveContext,
  repo: RepositoryRef,
  config: Descriptor,
): Promise<{ platform?: Platform; created?: string }> {
  let bytes = ctx.cache?.getBlob(repo, config.digest);
  if (!bytes) {
    bytes = await ctx.gate.run(() =>
      ctx.client.getBlobBytes(repo, config.digest, ctx.signal ? { signal: ctx.signal } : {}),
    );
    ctx.cache?.setBlob(repo, config.digest, bytes);
  }
  const cfg = parseImageConfig(bytes, config.digest);
  const platform =
    cfg.os && cfg.architecture
      ? {
          os: cfg.os,
          architecture: cfg.architecture,
          ...(cfg.variant ? { variant: cfg.variant } : {}),
        }
      : undefined;
  return { ...(platform ? { platform } : {}), ...(cfg.created ? { created: cfg.created } : {}) };
}

// Only "this content is gone or bad" makes a child broken; a registry that fails us fails the scan.
const CONTENT_CODES = new Set([
  'MANIFEST_UNKNOWN',
  'BLOB_UNKNOWN',
  'NOT_FOUND',
  'DIGEST_MISMATCH',
  'SIZE_MISMATCH',
  'MANIFEST_INVALID',
  'INVALID_RESPONSE',
  'UNSUPPORTED_MEDIA_TYPE',
  'SCHEMA1_UNSUPPORTED',
  'TOO_LARGE',
]);

function brokenFrom(err: unknown, platform: string, digest: string): BrokenChild {
  if (!isAppError(err) || !CONTENT_CODES.has(err.code)) throw err;
  return { platform, digest, code: err.code };
}

async function resolveEntry(
  ctx: ResolveContext,
  repo: RepositoryRef,
  entry: Descriptor,
  depth: number,
  out: DigestCoverage,
): Promise<void> {
  if (isAttestation(entry) || isUnknownPlatform(entry.platform)) return;
  const claimed = entry.platform ? platformName(entry.platform) : 'unknown';
  try {
    if (isIndexMediaType(entry.mediaType)) {
      const nested = await resolveDigest(ctx, repo, entry.digest, depth + 1);
      out.platforms.push(...nested.platforms);
      out.broken.push(...nested.broken);
      return;
    }
    if (entry.platform) {
      const head = await ctx.gate.run(() =>
        ctx.client.headManifest(repo, entry.digest, ctx.signal ? { signal: ctx.signal } : {}),
      );
      if (!head)
        out.broken.push({ platform: claimed, digest: entry.digest, code: 'MANIFEST_UNKNOWN' });
      else out.platforms.push(claimed);
      return;
    }
    // An entry without `platform` still runs somewhere: its config says where.
    const child = await resolveDigest(ctx, repo, entry.digest, depth + 1);
    out.platforms.push(...child.platforms);
    out.broken.push(...child.broken);
  } catch (err) {
    out.broken.push(brokenFrom(err, claimed, entry.digest));
  }
}

/**
 * Returns the platforms of the manifest `digest` in `repo`: a list's entries (attestations and
 * `unknown/unknown` left out; each child checked with a HEAD, missing ones reported as broken),
 * or a single image's config. Throws the registry's error when the manifest itself cannot be read.
 */
export async function resolveDigest(
  ctx: ResolveContext,
  repo: RepositoryRef,
  digest: string,
  depth = 0,
): Promise<DigestCoverage> {
  const { parsed } = await fetchManifest(ctx, repo, digest);
  const kind = classifyManifest(parsed);
  if (parsed.kind === 'index') {
    const out: DigestCoverage = {
      kind: 'index',
      platforms: [],
      broken: [],
      children: parsed.manifests.map((m) => m.digest),
    };
    const created = parsed.annotations?.[CREATED_ANNOTATION];
    if (created) out.created = created;
    if (depth < MAX_DEPTH)
      await Promise.all(parsed.manifests.map((m) => resolveEntry(ctx, repo, m, depth, out)));
    out.platforms = sortPlatformNames(out.platforms);
    out.broken.sort(
      (a, b) => a.platform.localeCompare(b.platform) || a.digest.localeCompare(b.digest),
    );
    return out;
  }
  if (kind === 'artifact') return { kind: 'artifact', platforms: [], broken: [] };
  try {
    const { platform, created } = await imagePlatform(ctx, repo, parsed.config);
    return {
      kind: 'image',
      platforms: platform && !isUnknownPlatform(platform) ? [platformName(platform)] : [],
      broken: [],
      ...(created ? { created } : {}),
    };
  } catch (err) {
    return {
      kind: 'image',
      platforms: [],
      broken: [brokenFrom(err, 'unknown', parsed.config.digest)],
    };
  }
}
