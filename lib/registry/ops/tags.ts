import type { RegistryClient } from '../client';
import {
  nextLink,
  pageUrl,
  type CallOptions,
  type OperationContext,
  type RepositoryRef,
} from '../protocol/context';
import { endpointPath, send } from '../protocol/send';
import { isValidTag } from '../reference';
import type { PageOptions } from './catalog';
import { collectPages, type ListingLimits } from './paging';

export interface TagPage {
  /** Tags in the registry's order (distribution does not sort them). */
  tags: string[];
  /** Cursor of the next page; absent on the last page. */
  next?: string;
  /** Names on this page outside the tag grammar, left out of `tags` (absent when none). */
  dropped?: number;
}

/** A repository's tags read page after page within the listing caps. */
export interface TagListing {
  tags: string[];
  /** True when the registry lists more tags than were read. */
  truncated: boolean;
  /** Names outside the tag grammar, left out. */
  dropped: number;
}

/**
 * Returns one page of a repository's tags; names that are not tags (`x/../y`, `=cmd`, over 128
 * characters) are left out and counted. Throws NAME_UNKNOWN when the repository does not exist.
 */
export async function listTags(
  ctx: OperationContext,
  repo: RepositoryRef,
  opts: PageOptions = {},
): Promise<TagPage> {
  const url = pageUrl(ctx, repo.registry, endpointPath('listTags', repo), opts);
  const res = await send(ctx, 'listTags', repo, { url, signal: opts.signal });
  const next = nextLink(res.headers.get('link'));
  const body = (await res.json()) as { tags?: unknown };
  // distribution answers `"tags": null` for a repository whose tags were all deleted.
  const listed = Array.isArray(body.tags) ? (body.tags as unknown[]) : [];
  const tags = listed.filter((t): t is string => typeof t === 'string' && isValidTag(t));
  const dropped = listed.length - tags.length;
  return { tags, ...(next ? { next } : {}), ...(dropped > 0 ? { dropped } : {}) };
}

/**
 * Returns a repository's tags, every page of them up to the listing caps (`truncated` when the
 * registry lists more). Throws the registry's errors (NAME_UNKNOWN for a missing repository).
 */
export function listAllTags(
  client: Pick<RegistryClient, 'listTags'>,
  repo: RepositoryRef,
  opts: CallOptions & ListingLimits & { n?: number } = {},
): Promise<TagListing> {
  const { n = 1000, signal, ...limits } = opts;
  return collectPages(
    async (cursor) => {
      const page = await client.listTags(repo, {
        n,
        ...(cursor ? { cursor } : {}),
        ...(signal ? { signal } : {}),
      });
      return { names: page.tags, next: page.next, dropped: page.dropped };
    },
    { ...limits, ...(signal ? { signal } : {}) },
  ).then(({ names, truncated, dropped }) => ({ tags: names, truncated, dropped }));
}
