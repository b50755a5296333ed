import 'server-only';

import type { QueryClient } from '@tanstack/react-query';

import { repositoryResource, type Resource } from '@/lib/auth/resources';
import { repositoriesOptions, tagsOptions, type RepositoryPage } from '@/lib/query/keys';

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
  return { repositories, ...(page.next ? { next: page.next } : {}) };
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
      return { tags: page.tags, ...(page.next ? { next: page.next } : {}) };
    },
  });
}
