'use client';

import { useInfiniteQuery, useQuery } from '@tanstack/react-query';
import { useCallback, useEffect, useMemo, useState } from 'react';

import { catalogSearchOptions, repositoriesOptions } from '@/lib/query/keys';

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

// Typing pauses this long before the server walks the catalog: one walk per word, not per key.
const SEARCH_DELAY_MS = 300;

function useDebounced(value: string, ms: number): string {
  const [settled, setSettled] = useState(value);
  useEffect(() => {
    const t = setTimeout(() => setSettled(value), ms);
    return () => clearTimeout(t);
  }, [value, ms]);
  return settled;
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

  // While the registry lists more than is loaded, a filter asks the server, which walks the whole
  // catalog; once everything is loaded, filtering here answers the same without a request.
  const settled = useDebounced(filter.trim(), SEARCH_DELAY_MS);
  const searching = settled !== '' && hasNextPage;
  const search = useQuery({ ...catalogSearchOptions(host, settled), enabled: searching });
  const serverNames = searching ? search.data?.repositories : undefined;
  const groups = useMemo(
    () => groupRepositories(serverNames ?? filterNames(names, filter)),
    [serverNames, names, filter],
  );
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
  return {
    query,
    names,
    filter,
    setFilter,
    rows,
    matches,
    loadMore,
    toggle,
    search: searching ? search : undefined,
  };
}
