import {
  isAppError,
  listAllTags,
  type PageOptions,
  type RegistryClient,
  type RepositoryRef,
  type TagListing,
} from '@/lib/registry';
import {
  getDigestCoverage,
  putDigestCoverage,
  type CoverageRepoRecord,
  type CoverageTag,
} from '@/lib/store';

import type { RequestGate } from './gate';
import type { TagRule } from './params';
import { resolveDigest, type ContentCacheLike, type DigestCoverage } from './resolve';
import { isReferrerTag, pickNewestByDate, selectTags } from './tag-rule';

export interface RepositoryScanContext {
  client: RegistryClient;
  gate: RequestGate;
  cache?: ContentCacheLike;
  signal?: AbortSignal;
  tagRule: TagRule;
}

/** Codes that mean "the registry cannot answer now": the scan stops (and resumes later) instead of recording them. */
const TRANSIENT = new Set([
  'NETWORK',
  'TIMEOUT',
  'SERVER_ERROR',
  'TOOMANYREQUESTS',
  'RATE_LIMITED',
  'ABORTED',
]);

/** Returns true when an error should stop the scan rather than be recorded against one repository. */
export function isTransient(err: unknown): boolean {
  return !isAppError(err) || err.retryable || TRANSIENT.has(err.code);
}

/** Returns true when the rule names tags literally (`latest`, `1.0`): they are asked for without listing tags. */
export function literalTags(rule: TagRule): string[] | undefined {
  if (rule.kind !== 'pattern' || rule.patterns.some((p) => /[*?]/.test(p))) return undefined;
  return [...new Set(rule.patterns)];
}

function listTagsWithin(ctx: RepositoryScanContext, repo: RepositoryRef): Promise<TagListing> {
  // Each page goes through the gate; the listing caps bound what an endless tag list can cost.
  const client = {
    listTags: (r: RepositoryRef, o?: PageOptions) => ctx.gate.run(() => ctx.client.listTags(r, o)),
  };
  return listAllTags(client, repo, ctx.signal ? { signal: ctx.signal } : {});
}

async function coverageOf(
  ctx: RepositoryScanContext,
  repo: RepositoryRef,
  digest: string,
): Promise<DigestCoverage> {
  const stored = getDigestCoverage<DigestCoverage>(repo.registry, repo.repository, digest);
  // A list remembered before lists kept their children is read again, once.
  if (stored && (stored.kind !== 'index' || stored.children)) return stored;
  const result = await resolveDigest(
    {
      client: ctx.client,
      gate: ctx.gate,
      ...(ctx.cache ? { cache: ctx.cache } : {}),
      ...(ctx.signal ? { signal: ctx.signal } : {}),
    },
    repo,
    digest,
  );
  putDigestCoverage(repo.registry, repo.repository, digest, result);
  return result;
}

/**
 * Returns the tags people release: a tag on an entry of a list tagged in the same repository
 * (`1.0-amd64` next to `1.0`) is a part the list was assembled from, so it is left out.
 */
export function releasedTags<T extends { digest: string }>(
  tags: readonly T[],
  children: ReadonlySet<string>,
): T[] {
  return tags.filter((t) => !children.has(t.digest));
}

async function scanTag(
  ctx: RepositoryScanContext,
  repo: RepositoryRef,
  tag: string,
): Promise<{ tag: CoverageTag; children: string[] } | undefined> {
  const head = await ctx.gate.run(() =>
    ctx.client.headManifest(repo, tag, ctx.signal ? { signal: ctx.signal } : {}),
  );
  // Gone between the listing and now, or a literal tag this repository does not have.
  if (!head) return undefined;
  const cov = await coverageOf(ctx, repo, head.digest);
  const tagged: CoverageTag = {
    tag,
    digest: head.digest,
    kind: cov.kind,
    platforms: cov.platforms,
    broken: cov.broken,
    ...(cov.created ? { created: cov.created } : {}),
  };
  return { tag: tagged, children: cov.children ?? [] };
}

/**
 * Returns what the repository's released tags run on (cosign's signature tags and tags on a
 * list's own entries are not releases; see isReferrerTag, releasedTags). Content already known by digest costs one
 * HEAD per tag. Errors about the repository (unknown, denied) are returned in the record; transient
 * ones (network, 5xx, 429, cancel) are thrown so the scan can stop and resume.
 */
export async function scanRepository(
  ctx: RepositoryScanContext,
  repo: RepositoryRef,
): Promise<Omit<CoverageRepoRecord, 'scannedAt'>> {
  try {
    const literal = literalTags(ctx.tagRule);
    const listing = literal ? undefined : await listTagsWithin(ctx, repo);
    const listed = (listing?.tags ?? []).filter((t) => !isReferrerTag(t));
    const chosen = literal ?? selectTags(listed, ctx.tagRule);
    const scanned = (await Promise.all(chosen.map((tag) => scanTag(ctx, repo, tag)))).filter(
      (t) => t !== undefined,
    );
    const children = new Set(scanned.flatMap((t) => t.children));
    // Tags asked for by name are judged as asked; a listing is judged by its releases.
    let tags = scanned.map((t) => t.tag);
    if (!literal) tags = releasedTags(tags, children);
    if (ctx.tagRule.kind === 'newest' && ctx.tagRule.by === 'date')
      tags = pickNewestByDate(tags, ctx.tagRule.n);
    return {
      repository: repo.repository,
      tagCount: tags.length,
      tags,
      broken: tags.reduce((n, t) => n + t.broken.length, 0),
      error: null,
      ...(listing?.truncated ? { tagsTruncated: true } : {}),
      ...(listing?.dropped ? { tagsDropped: listing.dropped } : {}),
    };
  } catch (err) {
    if (isTransient(err) || !isAppError(err)) throw err;
    return {
      repository: repo.repository,
      tagCount: 0,
      tags: [],
      broken: 0,
      error: { code: err.code, message: err.message },
    };
  }
}
