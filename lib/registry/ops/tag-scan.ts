import pLimit from 'p-limit';

import { isAppError } from '@/lib/errors';
import type { RegistryClient } from '../client';
import type { CallOptions, RepositoryRef } from '../protocol/context';
import { listAllTags } from './tags';

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
 * Returns the digest of every tag of the repository (listing its pages within the listing caps,
 * then one HEAD per tag, a few at a time). A repository without tags gives an empty scan. Throws the registry's errors.
 */
export async function scanTags(
  client: Pick<RegistryClient, 'listTags' | 'headManifest'>,
  repo: RepositoryRef,
  opts: ScanOptions = {},
): Promise<TagScan> {
  const max = opts.maxTags ?? 2000;
  const signal = opts.signal;
  let names: string[];
  let truncated: boolean;
  try {
    const listing = await listAllTags(client, repo, {
      n: 100,
      maxEntries: max,
      ...(signal ? { signal } : {}),
    });
    names = listing.tags;
    truncated = listing.truncated;
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
