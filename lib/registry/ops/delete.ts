import { randomBytes } from 'node:crypto';

import pLimit from 'p-limit';

import type { RegistryClient } from '../client';
import { descriptorFields } from '../descriptor-fields';
import { sha256Digest } from '../digest';
import { AppError, isAppError } from '@/lib/errors';
import { isAttestation, attestationTarget, type Descriptor } from '../manifest';
import { MediaType, isIndexMediaType } from '../media-types';
import type { CallOptions, RepositoryRef } from '../protocol/context';
import type { Platform } from '../platform';
import { checkTags, tagConflictError, tagReference, type TagConflict } from './tag-guard';

/**
 * Deleting on a registry. A manifest is deleted by digest (`regctl manifest delete`,
 * `skopeo delete`), which removes every tag on it; deleting a list never deletes its children
 * (`podman manifest rm` semantics). Removing one tag is optional in the spec: distribution 2.8
 * answers 400 DIGEST_INVALID, so "untag only" falls back to what `regctl tag delete` does.
 * Every delete is verified with a HEAD: success is only reported when the registry shows it.
 */

type Client = Pick<
  RegistryClient,
  | 'listTags'
  | 'headManifest'
  | 'getManifest'
  | 'deleteManifest'
  | 'deleteTag'
  | 'putManifest'
  | 'uploadBlob'
  | 'headBlob'
>;

export interface TagScan {
  /** Every tag of the repository that was checked, with its digest (null when it vanished meanwhile). */
  tags: Record<string, string | null>;
  /** Media type per digest seen. */
  mediaTypes: Record<string, string>;
  /** True when the repository has more tags than were checked. */
  truncated: boolean;
}

export interface ScanOptions extends CallOptions {
  /** HEAD requests at once (default 6). */
  concurrency?: number;
  /** Tags checked at most (default 2000). */
  maxTags?: number;
}

/**
 * Returns the digest of every tag of the repository (listing all pages, then one HEAD per tag,
 * a few at a time). A repository without tags gives an empty scan. Throws the registry's errors.
 */
export async function scanTags(
  client: Pick<RegistryClient, 'listTags' | 'headManifest'>,
  repo: RepositoryRef,
  opts: ScanOptions = {},
): Promise<TagScan> {
  const max = opts.maxTags ?? 2000;
  const signal = opts.signal;
  const names: string[] = [];
  let cursor: string | undefined;
  let truncated = false;
  try {
    do {
      const page = await client.listTags(repo, {
        n: 100,
        ...(cursor ? { cursor } : {}),
        ...(signal ? { signal } : {}),
      });
      names.push(...page.tags);
      cursor = page.next;
      if (names.length >= max) {
        truncated = cursor !== undefined || names.length > max;
        break;
      }
    } while (cursor);
  } catch (err) {
    if (isAppError(err) && err.code === 'NAME_UNKNOWN')
      return { tags: {}, mediaTypes: {}, truncated: false };
    throw err;
  }
  const limit = pLimit(opts.concurrency ?? 6);
  const tags: Record<string, string | null> = {};
  const mediaTypes: Record<string, string> = {};
  await Promise.all(
    [...new Set(names)].slice(0, max).map((tag) =>
      limit(async () => {
        const head = await client.headManifest(repo, tag, signal ? { signal } : {});
        tags[tag] = head?.digest ?? null;
        if (head?.mediaType) mediaTypes[head.digest] = head.mediaType;
      }),
    ),
  );
  return { tags, mediaTypes, truncated };
}

/** Returns the tags of a scan that point at `digest`, sorted. */
export function tagsOn(scan: TagScan, digest: string): string[] {
  return Object.entries(scan.tags)
    .filter(([, d]) => d === digest)
    .map(([t]) => t)
    .sort();
}

/** What the registry lets Manifold delete, found without changing anything. */
export interface DeleteSupport {
  /** DELETE by digest: 'disabled' is distribution's 405 (storage.delete.enabled is off). */
  manifests: 'enabled' | 'disabled' | 'unknown';
  /** DELETE by tag: 'unsupported' is distribution 2.8's 400 DIGEST_INVALID. */
  tags: 'supported' | 'unsupported' | 'disabled' | 'unknown';
  /** Why a value is 'unknown' (e.g. the credentials may not delete). */
  detail?: string;
}

/** A digest that cannot exist (no content hashes to all zeros). */
const NO_SUCH_DIGEST = `sha256:${'0'.repeat(64)}`;

/**
 * Returns whether the registry deletes manifests and tags, by asking it to delete a digest and a
 * tag that do not exist (404 = allowed, 405 = deletes disabled, 400 = tags cannot be deleted).
 * Nothing can be deleted by these requests. Never throws for registry answers.
 */
export async function probeDeleteSupport(
  client: Pick<RegistryClient, 'deleteManifest' | 'deleteTag'>,
  repo: RepositoryRef,
  opts: CallOptions = {},
): Promise<DeleteSupport> {
  const out: DeleteSupport = { manifests: 'unknown', tags: 'unknown' };
  try {
    await client.deleteManifest(repo, NO_SUCH_DIGEST, opts);
    out.manifests = 'enabled';
  } catch (err) {
    if (!isAppError(err)) throw err;
    if (err.code === 'MANIFEST_UNKNOWN' || err.code === 'NAME_UNKNOWN') out.manifests = 'enabled';
    else if (err.code === 'DELETE_DISABLED') out.manifests = 'disabled';
    else out.detail = err.message;
  }
  if (out.manifests === 'disabled') return { ...out, tags: 'disabled' };
  try {
    await client.deleteTag(repo, `manifold-probe-${randomBytes(8).toString('hex')}`, opts);
    out.tags = 'supported';
  } catch (err) {
    if (!isAppError(err)) throw err;
    if (err.code === 'MANIFEST_UNKNOWN' || err.code === 'NAME_UNKNOWN') out.tags = 'supported';
    else if (err.code === 'UNSUPPORTED') out.tags = 'unsupported';
    else if (err.code === 'DELETE_DISABLED') out.tags = 'disabled';
    else out.detail ??= err.message;
  }
  return out;
}

/** Remembers what probeDeleteSupport found, per registry host, for a while. */
export interface DeleteSupportCache {
  /** Returns the remembered answer for the registry, or undefined when none is fresh. */
  get(registry: string): DeleteSupport | undefined;
  /** Remembers an answer (ignored while any part of it is 'unknown': that is asked again). */
  set(registry: string, support: DeleteSupport): void;
  /** Forgets the registry's answer, e.g. after a delete contradicted it. */
  forget(registry: string): void;
}

/** Returns an in-memory DeleteSupportCache whose answers expire after `ttlMs` (default 5 minutes). Never throws. */
export function createDeleteSupportCache(
  opts: { ttlMs?: number; now?: () => number } = {},
): DeleteSupportCache {
  const ttl = opts.ttlMs ?? 5 * 60_000;
  const now = opts.now ?? Date.now;
  const entries = new Map<string, { support: DeleteSupport; expires: number }>();
  return {
    get(registry) {
      const hit = entries.get(registry);
      if (hit === undefined) return undefined;
      if (hit.expires <= now()) {
        entries.delete(registry);
        return undefined;
      }
      return { ...hit.support };
    },
    set(registry, support) {
      if (support.manifests === 'unknown' || support.tags === 'unknown') return;
      entries.set(registry, { support: { ...support }, expires: now() + ttl });
    },
    forget(registry) {
      entries.delete(registry);
    },
  };
}

/**
 * Returns the registry's delete support from the cache when fresh, else probes (probeDeleteSupport)
 * and remembers the answer. Never throws for registry answers.
 */
export async function cachedDeleteSupport(
  client: Pick<RegistryClient, 'deleteManifest' | 'deleteTag'>,
  repo: RepositoryRef,
  cache: DeleteSupportCache | undefined,
  opts: CallOptions = {},
): Promise<DeleteSupport> {
  const hit = cache?.get(repo.registry);
  if (hit) return hit;
  const support = await probeDeleteSupport(client, repo, opts);
  cache?.set(repo.registry, support);
  return support;
}

/** A child of a list as the delete dialog shows it. */
export interface DeleteChild {
  digest: string;
  mediaType: string;
  size: number;
  platform?: Platform;
  annotations?: Record<string, string>;
  artifactType?: string;
  /** Set for BuildKit attestation manifests: the digest of the image they describe. */
  attestationFor?: string;
  /** Tags pointing at the child itself (they keep it reachable). */
  tags: string[];
  /** Other tagged lists of the repository that include the child. */
  usedBy: string[];
  /** True when nothing tagged points at it after the delete (GC with --delete-untagged removes it). */
  orphaned: boolean;
}

/** Everything to show before deleting a manifest by digest. */
export interface DeletePlan {
  registry: string;
  repository: string;
  digest: string;
  mediaType: string;
  isIndex: boolean;
  /** Every tag that points at the digest: all of them go with it. */
  tags: string[];
  /** Children of a list; they stay. */
  children: DeleteChild[];
  /** True when the repository has more tags than were checked. */
  truncated: boolean;
  support: DeleteSupport;
}

export interface PlanDeleteOptions extends ScanOptions {
  /** Where the delete-support probe's answer is remembered per registry (probed every time without). */
  supportCache?: DeleteSupportCache;
}

/**
 * Returns what deleting `digest` would do: the tags that go with it, the children that stay and
 * which of them are left without a tag, and whether the registry allows it. Changes nothing.
 * Throws MANIFEST_UNKNOWN when the digest is not in the repository.
 */
export async function planDelete(
  client: Client,
  repo: RepositoryRef,
  digest: string,
  opts: PlanDeleteOptions = {},
): Promise<DeletePlan> {
  const signal = opts.signal;
  const call = signal ? { signal } : {};
  const { parsed } = await client.getManifest(repo, digest, call);
  const [scan, support] = await Promise.all([
    scanTags(client, repo, opts),
    cachedDeleteSupport(client, repo, opts.supportCache, call),
  ]);
  const children: DeleteChild[] = [];
  if (parsed.kind === 'index') {
    // Other tagged lists that include a child keep it reachable.
    const otherLists = [...new Set(Object.values(scan.tags))].filter(
      (d): d is string => d !== null && d !== digest && isIndexMediaType(scan.mediaTypes[d]),
    );
    const limit = pLimit(4);
    const listChildren = new Map<string, Set<string>>();
    await Promise.all(
      otherLists.slice(0, 50).map((d) =>
        limit(async () => {
          try {
            const other = await client.getManifest(repo, d, call);
            if (other.parsed.kind === 'index')
              listChildren.set(d, new Set(other.parsed.manifests.map((m) => m.digest)));
          } catch (err) {
            if (!isAppError(err)) throw err;
          }
        }),
      ),
    );
    for (const m of parsed.manifests) children.push(describeChild(m, scan, listChildren));
  }
  return {
    registry: repo.registry,
    repository: repo.repository,
    digest,
    mediaType: parsed.mediaType,
    isIndex: parsed.kind === 'index',
    tags: tagsOn(scan, digest),
    children,
    truncated: scan.truncated,
    support,
  };
}

function describeChild(
  m: Descriptor,
  scan: TagScan,
  listChildren: Map<string, Set<string>>,
): DeleteChild {
  const tags = tagsOn(scan, m.digest);
  const usedBy = Object.entries(scan.tags)
    .filter(([, d]) => d !== null && listChildren.get(d)?.has(m.digest))
    .map(([t]) => t)
    .sort();
  const target = isAttestation(m) ? attestationTarget(m) : undefined;
  return {
    ...descriptorFields(m),
    ...(target ? { attestationFor: target } : {}),
    tags,
    usedBy,
    orphaned: tags.length === 0 && usedBy.length === 0,
  };
}

export interface DeleteManifestOptions extends ScanOptions {
  /**
   * The tags the user saw on the digest. When given, a tag that now points at the digest but was
   * not seen is a CONFLICT (deleting would silently remove it), unless `force`.
   */
  seenTags?: readonly string[];
  force?: boolean;
}

export interface DeleteManifestResult {
  digest: string;
  /** The tags that pointed at the digest and are gone with it. */
  tagsRemoved: string[];
}

/**
 * Returns what was deleted after deleting the manifest by digest and checking with a HEAD that the
 * registry no longer serves it (nor any tag that was on it). Throws MANIFEST_UNKNOWN when it is
 * already gone, CONFLICT for an unseen tag on it, DELETE_DISABLED when deletes are off, and
 * SERVER_ERROR when the registry reported success but still serves the manifest.
 */
export async function deleteManifestVerified(
  client: Client,
  repo: RepositoryRef,
  digest: string,
  opts: DeleteManifestOptions = {},
): Promise<DeleteManifestResult> {
  const call = opts.signal ? { signal: opts.signal } : {};
  if (!(await client.headManifest(repo, digest, call))) {
    throw new AppError(
      'MANIFEST_UNKNOWN',
      `${repo.registry}/${repo.repository}@${digest} does not exist (any more); nothing was deleted`,
    );
  }
  const scan = await scanTags(client, repo, opts);
  const tags = tagsOn(scan, digest);
  if (opts.seenTags && !opts.force) {
    const seen = new Set(opts.seenTags);
    const unseen = tags.filter((t) => !seen.has(t));
    if (unseen.length > 0) {
      const conflicts: TagConflict[] = unseen.map((t) => ({
        reference: tagReference({ ...repo, tag: t }),
        expected: null,
        actual: digest,
      }));
      throw new AppError(
        'CONFLICT',
        `Since you looked, ${unseen.map((t) => `:${t}`).join(', ')} ${unseen.length === 1 ? 'was' : 'were'} pointed at ${digest}; deleting it would remove ${unseen.length === 1 ? 'that tag' : 'those tags'} too. Nothing was deleted. Review again, or delete anyway.`,
        { details: { conflicts } },
      );
    }
  }
  await client.deleteManifest(repo, digest, call);
  if (await client.headManifest(repo, digest, call)) {
    throw new AppError(
      'SERVER_ERROR',
      `The registry answered the delete of ${digest} with success but still serves it, so Manifold does not report it deleted. A cache or replica in front of the registry may lag: look again in a minute.`,
    );
  }
  for (const t of tags) {
    const head = await client.headManifest(repo, t, call);
    if (head?.digest === digest) {
      throw new AppError(
        'SERVER_ERROR',
        `${digest} is deleted but the registry still resolves :${t} to it; look again in a minute.`,
      );
    }
  }
  return { digest, tagsRemoved: tags };
}

export interface UntagOptions extends CallOptions {
  /** The digest the user saw on the tag (CONFLICT when it moved, unless `force`). */
  expectedDigest: string;
  force?: boolean;
  /**
   * When the registry cannot delete a tag (distribution 2.8), point the tag at a unique
   * placeholder manifest and delete that by digest, as `regctl tag delete` does. Default false:
   * such a registry then gives UNSUPPORTED.
   */
  allowPlaceholder?: boolean;
}

export interface UntagResult {
  tag: string;
  /** The digest the tag held; the manifest itself stays. */
  digest: string;
  method: 'tag-delete' | 'placeholder';
  /** The placeholder manifest that was put and deleted (its small config blob stays until GC). */
  placeholderDigest?: string;
}

/**
 * Returns how the tag was removed, leaving the manifest (and other tags on it) in place, verified
 * with HEADs. Throws MANIFEST_UNKNOWN when the tag does not exist, CONFLICT when it moved,
 * DELETE_DISABLED, UNSUPPORTED (tag deletes unsupported and no placeholder allowed), and the
 * registry's errors; when the placeholder cannot be deleted the tag is put back where it was.
 */
export async function untag(
  client: Client,
  repo: RepositoryRef,
  tag: string,
  opts: UntagOptions,
): Promise<UntagResult> {
  const call = opts.signal ? { signal: opts.signal } : {};
  const target = { ...repo, tag, expectedDigest: opts.expectedDigest };
  const { current, conflicts } = await checkTags(client, [target], undefined, call);
  const actual = current.get(tagReference(target)) ?? null;
  if (actual === null)
    throw new AppError(
      'MANIFEST_UNKNOWN',
      `${tagReference(target)} does not exist (any more); nothing was removed`,
    );
  if (conflicts.length > 0 && !opts.force) throw tagConflictError(conflicts);

  try {
    await client.deleteTag(repo, tag, call);
    await verifyUntagged(client, repo, tag, actual, opts.signal);
    return { tag, digest: actual, method: 'tag-delete' };
  } catch (err) {
    if (!(isAppError(err) && err.code === 'UNSUPPORTED' && opts.allowPlaceholder)) throw err;
  }

  // regctl's fallback: the tag moves to a manifest nobody else uses, which is then deleted by digest.
  const original = await client.getManifest(repo, actual, call);
  const placeholder = placeholderManifest(tag, original.parsed.mediaType);
  await client.uploadBlob(
    repo,
    placeholder.config.digest,
    placeholder.config.bytes.byteLength,
    placeholder.config.bytes,
    call,
  );
  const now = await client.headManifest(repo, tag, call);
  if (now?.digest !== actual && !opts.force) {
    throw tagConflictError([
      {
        reference: tagReference(target),
        expected: opts.expectedDigest,
        actual: now?.digest ?? null,
      },
    ]);
  }
  await client.putManifest(repo, tag, placeholder.bytes, placeholder.mediaType, call);
  try {
    await client.deleteManifest(repo, placeholder.digest, call);
  } catch (err) {
    // Never leave the tag on the placeholder: put the original back, then report the failure.
    await client.putManifest(repo, tag, original.parsed.raw, original.parsed.mediaType, call);
    throw err;
  }
  await verifyUntagged(client, repo, tag, actual, opts.signal);
  return { tag, digest: actual, method: 'placeholder', placeholderDigest: placeholder.digest };
}

async function verifyUntagged(
  client: Client,
  repo: RepositoryRef,
  tag: string,
  digest: string,
  signal?: AbortSignal,
): Promise<void> {
  const call = signal ? { signal } : {};
  const head = await client.headManifest(repo, tag, call);
  if (head) {
    throw new AppError(
      'SERVER_ERROR',
      `The registry reported :${tag} removed but still resolves it to ${head.digest}; look again in a minute.`,
    );
  }
  if (!(await client.headManifest(repo, digest, call))) {
    throw new AppError(
      'SERVER_ERROR',
      `:${tag} is gone, but so is ${digest}, which should have stayed. The registry deleted more than asked.`,
    );
  }
}

/** Returns a tiny image manifest unique to this untag (its config names the tag and a nonce). */
function placeholderManifest(
  tag: string,
  like: string,
): {
  bytes: Uint8Array;
  digest: string;
  mediaType: string;
  config: { bytes: Uint8Array; digest: string };
} {
  const docker = like === MediaType.DockerManifest || like === MediaType.DockerManifestList;
  const config = new TextEncoder().encode(
    JSON.stringify({
      architecture: 'amd64',
      os: 'linux',
      config: {
        Labels: { 'org.manifold.untag': tag, 'org.manifold.nonce': randomBytes(8).toString('hex') },
      },
      rootfs: { type: 'layers', diff_ids: [] },
      created: new Date().toISOString(),
    }),
  );
  const configDigest = sha256Digest(config);
  const mediaType = docker ? MediaType.DockerManifest : MediaType.OciManifest;
  const manifest = {
    schemaVersion: 2,
    mediaType,
    config: {
      mediaType: docker ? MediaType.DockerConfig : MediaType.OciConfig,
      digest: configDigest,
      size: config.byteLength,
    },
    layers: [],
  };
  const bytes = new TextEncoder().encode(JSON.stringify(manifest));
  return {
    bytes,
    digest: sha256Digest(bytes),
    mediaType,
    config: { bytes: config, digest: configDigest },
  };
}
