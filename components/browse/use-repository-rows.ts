'use client';

import { useInfiniteQuery } from '@tanstack/react-query';
import { useCallback, useMemo, useState } from 'react';

import { repositoriesOptions } from '@/lib/query/keys';

import { filterNames, groupRepositories, type RepositoryGroup } from './repository-groups';
import { useUrlParam } from './use-url-param';

/** One line of the repository list: a namespace heading, or a repository under it. */
export type RepositoryRow =
  | { type: 'group'; namespace: string; count: number; collapsed: boolean }
  | { type: 'repository'; namespace: string; name: string };

function toRows(groups: RepositoryGroup[], collapsed: ReadonlySet<string>): RepositoryRow[] {
  const rows: RepositoryRow[] = [];
  for (const g of groups) {
    const isCollapsed = collapsed.has(g.namespace);
    rows.push({
      type: 'group',
      namespace: g.namespace,
      count: g.repositories.length,
      collapsed: isCollapsed,
    });
    if (!isCollapsed)
      for (const name of g.repositories)
        rows.push({ type: 'repository', namespace: g.namespace, name });
  }
  return rows;
}

/**
 * The repository browser's data: catalog pages loaded so far, the filter (kept in the URL), the
 * namespaces folded away, and the rows that result.
 */
export function useRepositoryRows(host: string, pageSize: number, initialFilter: string) {
  const query = useInfiniteQuery(repositoriesOptions(host, pageSize));
  const { hasNextPage, isFetchingNextPage, fetchNextPage } = query;
  const names = useMemo(
    () => [...new Set(query.data?.pages.flatMap((p) => p.repositories))],
    [query.data],
  );
  const [filter, setFilter] = useUrlParam('q', '', initialFilter);
  const [collapsed, setCollapsed] = useState<ReadonlySet<string>>(new Set());

  const groups = useMemo(() => groupRepositories(filterNames(names, filter)), [names, filter]);
  const rows = useMemo(() => toRows(groups, collapsed), [groups, collapsed]);
  const matches = groups.reduce((n, g) => n + g.repositories.length, 0);

  const loadMore = useCallback(() => {
    if (hasNextPage && !isFetchingNextPage) void fetchNextPage();
  }, [hasNextPage, isFetchingNextPage, fetchNextPage]);
  const toggle = (namespace: string): void =>
    setCollapsed((prev) => {
      const next = new Set(prev);
      if (!next.delete(namespace)) next.add(namespace);
      return next;
    });
  return { query, names, filter, setFilter, rows, matches, loadMore, toggle };
}
