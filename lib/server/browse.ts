import 'server-only';

import type { QueryClient } from '@tanstack/react-query';

import { repositoryResource, type Resource } from '@/lib/auth/resources';
import { lastPushed } from '@/lib/browse/last-pushed';
import {
  matchesTerms,
  MAX_SEARCH_RESULTS,
  searchTerms,
  type CatalogSearchInfo,
} from '@/lib/browse/catalog-search';
import { repositoriesOptions, tagsOptions, type RepositoryPage } from '@/lib/query/keys';
import { walkPages } from '@/lib/registry';

import { getRegistryClient } from './registry';

/**
 * Returns one catalog page with only the repositories `can` lets the reader pull (the cursor is
 * the registry's, so the next page follows on). Throws the registry's AppError. The API route and
 * the registry page both read through it: they list exactly the same names.
 */
export async function visibleCatalogPage(
  host: string,
  opts: { n?: number | undefined; cursor?: string | undefined; signal?: AbortSignal },
  can: (resource: Resource) => boolean,
): Promise<RepositoryPage> {
  const page = await getRegistryClient().listRepositories(host, {
    ...(opts.n !== undefined ? { n: opts.n } : {}),
    ...(opts.cursor ? { cursor: opts.cursor } : {}),
    ...(opts.signal ? { signal: opts.signal } : {}),
  });
  const repositories = page.repositories.filter((repository) =>
    can(repositoryResource({ registry: host, repository }, 'pull')),
  );
  return {
    repositories,
    ...(page.next ? { next: page.next } : {}),
    ...(page.dropped ? { dropped: page.dropped } : {}),
  };
}

// Catalog pages asked for while searching: distribution's largest page, so a 100,000-name
// catalog is 100 requests rather than 1,000.
const SEARCH_PAGE_SIZE = 1000;
// A search walks at most this many names: beyond it the answer says it was truncated.
const SEARCH_MAX_NAMES = 100_000;

/**
 * Returns the repositories of the whole catalog whose names contain every term of `query` and
 * that `can` lets the reader pull, walking the catalog within the listing caps (paging.ts), and
 * whether the walk was cut or the matches limited. Throws the registry's AppError (ABORTED once
 * `signal` aborts).
 */
export async function searchCatalog(
  host: string,
  query: string,
  can: (resource: Resource) => boolean,
  signal?: AbortSignal,
): Promise<{ repositories: string[]; dropped?: number; search: CatalogSearchInfo }> {
  const terms = searchTerms(query);
  const client = getRegistryClient();
  const repositories: string[] = [];
  const search: CatalogSearchInfo = { query, scanned: 0, truncated: false, limited: false };
  let dropped = 0;
  const pages = walkPages(
    async (cursor) => {
      const page = await client.listRepositories(host, {
        n: SEARCH_PAGE_SIZE,
        ...(cursor ? { cursor } : {}),
        ...(signal ? { signal } : {}),
      });
      return { names: page.repositories, next: page.next, dropped: page.dropped };
    },
    { maxEntries: SEARCH_MAX_NAMES, ...(signal ? { signal } : {}) },
  );
  for await (const page of pages) {
    search.scanned += page.names.length;
    search.truncated = page.truncated;
    dropped += page.dropped;
    for (const repository of page.names) {
      if (!matchesTerms(repository, terms)) continue;
      if (!can(repositoryResource({ registry: host, repository }, 'pull'))) continue;
      if (repositories.length >= MAX_SEARCH_RESULTS) search.limited = true;
      else repositories.push(repository);
    }
  }
  return { repositories, ...(dropped ? { dropped } : {}), search };
}

/**
 * Reads a registry's first catalog page into the query client (later pages come from the API as
 * the list scrolls), so the page renders with it. Throws the registry's AppError (no catalog,
 * denied, unreachable) for the page to explain.
 */
export async function prefetchRepositories(
  queryClient: QueryClient,
  host: string,
  pageSize: number,
  can: (resource: Resource) => boolean,
): Promise<void> {
  await queryClient.fetchInfiniteQuery({
    ...repositoriesOptions(host, pageSize),
    retry: false,
    queryFn: ({ pageParam }) => visibleCatalogPage(host, { n: pageSize, cursor: pageParam }, can),
  });
}

/**
 * Reads a repository's first page of tags into the query client (later pages and each tag's
 * summary come from the API as the user scrolls). Throws the registry's AppError.
 */
export async function prefetchTags(
  queryClient: QueryClient,
  host: string,
  repository: string,
  pageSize: number,
): Promise<void> {
  await queryClient.fetchInfiniteQuery({
    ...tagsOptions(host, repository, pageSize),
    retry: false,
    queryFn: async ({ pageParam }) => {
      const page = await getRegistryClient().listTags(
        { registry: host, repository },
        { n: pageSize, ...(pageParam ? { cursor: pageParam } : {}) },
      );
      return {
        tags: page.tags,
        ...(page.next ? { next: page.next } : {}),
        ...(page.dropped ? { dropped: page.dropped } : {}),
        pushed: lastPushed(host, repository, page.tags),
      };
    },
  });
}
