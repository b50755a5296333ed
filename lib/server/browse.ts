import 'server-only';

import type { QueryClient } from '@tanstack/react-query';

import { repositoriesOptions, tagsOptions } from '@/lib/query/keys';

import { getRegistryClient } from './registry';

/**
 * Reads a registry's first catalog page into the query client (later pages come from the API as
 * the list scrolls), so the page renders with it. Throws the registry's AppError (no catalog,
 * denied, unreachable) for the page to explain.
 */
export async function prefetchRepositories(
  queryClient: QueryClient,
  host: string,
  pageSize: number,
): Promise<void> {
  await queryClient.fetchInfiniteQuery({
    ...repositoriesOptions(host, pageSize),
    retry: false,
    queryFn: async ({ pageParam }) => {
      const page = await getRegistryClient().listRepositories(host, {
        n: pageSize,
        ...(pageParam ? { cursor: pageParam } : {}),
      });
      return {
        repositories: page.repositories,
        ...(page.next ? { next: page.next } : {}),
        ...(page.dropped ? { dropped: page.dropped } : {}),
      };
    },
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
      };
    },
  });
}
