/**
 * React Query keys and options shared by server prefetch and client hooks. Keys are hierarchical,
 * so a mutation invalidates exactly what it changes: everything of a repository is under
 * `queryKeys.repository(host, repo)` (its tags, and the summary of each tag).
 */
import { infiniteQueryOptions, queryOptions } from '@tanstack/react-query';

import type { CatalogSearchInfo } from '@/lib/browse/catalog-search';
import type { TagSummary } from '@/lib/browse/tag-summary';

import { apiFetch, retryApi } from './api-fetch';
import { loadTagSummary } from './summary-batch';

/** One page of a registry's catalog, as `GET /api/registries/[host]/repositories` returns it. */
export interface RepositoryPage {
  repositories: string[];
  /** Opaque cursor of the next page; absent on the last page. */
  next?: string;
  /** Names on the page outside the repository grammar, left out. */
  dropped?: number;
  /** Present when the request searched the whole catalog (`?q=`): what the walk covered. */
  search?: CatalogSearchInfo;
}

/** One page of a repository's tags, as `GET /api/tags` returns it. */
export interface TagPage {
  tags: string[];
  next?: string;
  /** Names on the page that are not tags, left out. */
  dropped?: number;
  /** When Manifold last saw each tag of the page change (ISO 8601), for the tags it has a record of. */
  pushed?: Record<string, string>;
}

/** Repositories per catalog page (distribution's own default). */
export const REPOSITORY_PAGE_SIZE = 100;
/** Tags per page; each visible tag then loads its own summary. */
export const TAG_PAGE_SIZE = 100;

/**
 * Pages a browser list loads at most: a registry whose every page links another would otherwise
 * grow the tab without end as the user scrolls.
 */
export const MAX_LIST_PAGES = 100;

/** What a paged list tells its reader: the registry lists more than is loaded, names left out. */
export interface ListingNotice {
  /** True when the page cap stopped the list while the registry listed more. */
  truncated: boolean;
  dropped: number;
}

/** Returns the notice of a paged list from its loaded pages. */
export function listingNotice(
  pages: readonly { next?: string; dropped?: number }[],
): ListingNotice {
  return {
    truncated: pages.length >= MAX_LIST_PAGES && pages.at(-1)?.next !== undefined,
    dropped: pages.reduce((n, p) => n + (p.dropped ?? 0), 0),
  };
}

function nextPage(last: { next?: string }, pages: readonly unknown[]): string | undefined {
  return pages.length >= MAX_LIST_PAGES ? undefined : last.next;
}

/** Returns the page size asked for in a URL's `?n=` (1 to 1000), or `fallback` when absent or invalid. */
export function parsePageSize(value: string | undefined, fallback: number): number {
  const n = Number(value);
  return value && Number.isInteger(n) && n >= 1 && n <= 1000 ? n : fallback;
}

export const queryKeys = {
  all: ['registry'] as const,
  registry: (host: string) => ['registry', host] as const,
  repositories: (host: string, n: number) => ['registry', host, 'repositories', { n }] as const,
  catalogSearch: (host: string, q: string) =>
    ['registry', host, 'repositories', 'search', { q }] as const,
  repository: (host: string, repository: string) =>
    ['registry', host, 'repository', repository] as const,
  tags: (host: string, repository: string, n: number) =>
    ['registry', host, 'repository', repository, 'tags', { n }] as const,
  /** `reference` is a tag or a digest. */
  summary: (host: string, repository: string, reference: string) =>
    ['registry', host, 'repository', repository, 'summary', reference] as const,
};

function withPage(path: string, params: Record<string, string | number | undefined>): string {
  const search = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) if (v !== undefined) search.set(k, String(v));
  return `${path}?${search.toString()}`;
}

/** Returns the infinite-query options of a registry's repositories, page by page through the catalog. */
export function repositoriesOptions(host: string, n = REPOSITORY_PAGE_SIZE) {
  return infiniteQueryOptions({
    queryKey: queryKeys.repositories(host, n),
    queryFn: ({ pageParam, signal }) =>
      apiFetch<RepositoryPage>(
        withPage(`/api/registries/${encodeURIComponent(host)}/repositories`, {
          n,
          cursor: pageParam,
        }),
        { signal },
      ),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: nextPage,
    retry: retryApi,
  });
}

/** Returns the query options of a whole-catalog search (`?q=`), walked on the server. */
export function catalogSearchOptions(host: string, q: string) {
  return queryOptions({
    queryKey: queryKeys.catalogSearch(host, q),
    queryFn: ({ signal }) =>
      apiFetch<RepositoryPage>(
        withPage(`/api/registries/${encodeURIComponent(host)}/repositories`, { q }),
        { signal },
      ),
    retry: retryApi,
    staleTime: 30_000,
  });
}

/** Returns the infinite-query options of a repository's tags, page by page. */
export function tagsOptions(host: string, repository: string, n = TAG_PAGE_SIZE) {
  return infiniteQueryOptions({
    queryKey: queryKeys.tags(host, repository, n),
    queryFn: ({ pageParam, signal }) =>
      apiFetch<TagPage>(
        withPage('/api/tags', { registry: host, repository, n, cursor: pageParam }),
        { signal },
      ),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: nextPage,
    retry: retryApi,
  });
}

/** Returns the query options of one tag's summary (kind, platforms, digest, size, created). */
export function tagSummaryOptions(host: string, repository: string, tag: string) {
  const sep = tag.includes(':') ? '@' : ':';
  return queryOptions({
    queryKey: queryKeys.summary(host, repository, tag),
    // Rows mounted together share one request (a batch is not cancelled for one row that leaves).
    queryFn: ({ signal }) =>
      sep === ':'
        ? loadTagSummary(host, repository, tag)
        : apiFetch<TagSummary>(
            withPage('/api/summary', { ref: `${host}/${repository}${sep}${tag}` }),
            { signal },
          ),
    retry: retryApi,
    staleTime: 60_000,
  });
}
