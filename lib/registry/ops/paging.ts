import type { CallOptions } from '../protocol/context';

/**
 * Listings that follow a registry's `Link` headers (tags, catalog) stop at these caps. A registry
 * decides how many pages there are; one whose every page links another grew the server by 2 GiB
 * during one scan before these caps.
 */
export interface ListingLimits {
  /** Pages read at most. */
  maxPages?: number;
  /** Names kept at most. */
  maxEntries?: number;
  /** Characters of names kept at most (a few long names weigh as much as many short ones). */
  maxBytes?: number;
}

export const DEFAULT_LISTING_LIMITS: Required<ListingLimits> = {
  maxPages: 1000,
  maxEntries: 100_000,
  maxBytes: 8 * 1024 * 1024,
};

/** One page as the listing ops return it. */
export interface NamePage {
  names: string[];
  /** Cursor of the next page; absent on the last page. */
  next?: string | undefined;
  /** Names on the page that the distribution grammar does not allow (left out of `names`). */
  dropped?: number | undefined;
}

/** A page of a capped walk. */
export interface WalkedPage {
  names: string[];
  /** True on the last page the walk yields, whether the listing ended or a cap was reached. */
  last: boolean;
  /** True when a cap stopped the walk while the registry still listed more. */
  truncated: boolean;
  dropped: number;
}

/** A whole listing read within the caps. */
export interface Listing {
  names: string[];
  /** True when the registry lists more than was read (a cap was reached). */
  truncated: boolean;
  /** Names the registry listed that are outside the distribution grammar, left out. */
  dropped: number;
}

/**
 * Yields the pages of a listing, `fetchPage(cursor)` after `fetchPage(cursor)`, until the
 * registry's last page or a cap: the page that reaches a cap is cut to it and is the last one
 * yielded (marked truncated). Only one page is held at a time. Throws what `fetchPage` throws,
 * and ABORTED through it once `signal` is aborted.
 */
export async function* walkPages(
  fetchPage: (cursor: string | undefined) => Promise<NamePage>,
  limits: ListingLimits & CallOptions = {},
): AsyncGenerator<WalkedPage> {
  const max = {
    maxPages: limits.maxPages ?? DEFAULT_LISTING_LIMITS.maxPages,
    maxEntries: limits.maxEntries ?? DEFAULT_LISTING_LIMITS.maxEntries,
    maxBytes: limits.maxBytes ?? DEFAULT_LISTING_LIMITS.maxBytes,
  };
  let cursor: string | undefined;
  let pages = 0;
  let entries = 0;
  let bytes = 0;
  for (;;) {
    limits.signal?.throwIfAborted();
    const page = await fetchPage(cursor);
    pages++;
    const names: string[] = [];
    let cut = false;
    for (const name of page.names) {
      if (entries + 1 > max.maxEntries || bytes + name.length > max.maxBytes) {
        cut = true;
        break;
      }
      names.push(name);
      entries++;
      bytes += name.length;
    }
    cursor = page.next;
    const truncated = cut || (cursor !== undefined && pages >= max.maxPages);
    const last = truncated || cursor === undefined;
    yield { names, last, truncated, dropped: page.dropped ?? 0 };
    if (last) return;
  }
}

/** Returns every name of a listing within the caps (walkPages), with whether it was cut and how many were dropped. Throws what `fetchPage` throws. */
export async function collectPages(
  fetchPage: (cursor: string | undefined) => Promise<NamePage>,
  limits: ListingLimits & CallOptions = {},
): Promise<Listing> {
  const names: string[] = [];
  let truncated = false;
  let dropped = 0;
  for await (const page of walkPages(fetchPage, limits)) {
    for (const n of page.names) names.push(n);
    truncated = page.truncated;
    dropped += page.dropped;
  }
  return { names, truncated, dropped };
}
