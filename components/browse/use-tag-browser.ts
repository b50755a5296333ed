'use client';

import { useInfiniteQuery, useQueries } from '@tanstack/react-query';
import { useCallback, useMemo } from 'react';

import { platformLabel } from '@/components/manifest/platform-chip';
import { tagSummaryOptions, tagsOptions } from '@/lib/query/keys';

import { filterTags, sortTags, type TagSort } from './tag-order';
import { useUrlParam } from './use-url-param';

/** How the tags are shown: a list, or the platform coverage matrix. */
export type TagView = 'tags' | 'coverage';

/**
 * The tag browser's data: tag pages loaded so far, filter, sort and view (kept in the URL), and
 * while filtering the platforms of every loaded tag, so the filter matches platforms too.
 */
export function useTagBrowser(
  host: string,
  repository: string,
  pageSize: number,
  initial: { filter: string; sort: TagSort; view: TagView },
) {
  const query = useInfiniteQuery(tagsOptions(host, repository, pageSize));
  const { hasNextPage, isFetchingNextPage, fetchNextPage } = query;
  const [filter, setFilter] = useUrlParam('q', '', initial.filter);
  const [sort, setSort] = useUrlParam<TagSort>('sort', 'version', initial.sort);
  const [view, setView] = useUrlParam<TagView>('view', 'tags', initial.view);

  const loadedTags = useMemo(
    () => [...new Set(query.data?.pages.flatMap((p) => p.tags))],
    [query.data],
  );
  const pushed = useMemo(
    () =>
      Object.assign({}, ...(query.data?.pages.map((p) => p.pushed ?? {}) ?? [])) as Record<
        string,
        string
      >,
    [query.data],
  );
  // While filtering, every loaded tag's summary is asked for (cached, shared with the rows), so
  // the filter can match platforms as well as names.
  const filtering = filter.trim() !== '';
  const summaries = useQueries({
    queries: filtering ? loadedTags.map((t) => tagSummaryOptions(host, repository, t)) : [],
  });
  const platformsByTag = useMemo(() => {
    const map = new Map<string, string[]>();
    summaries.forEach((q, i) => {
      const tag = loadedTags[i];
      if (tag !== undefined && q.data)
        map.set(
          tag,
          q.data.platforms.map((p) => platformLabel(p)),
        );
    });
    return map;
  }, [summaries, loadedTags]);
  const tags = useMemo(
    () =>
      sortTags(
        filterTags(loadedTags, filter, (t) => platformsByTag.get(t)),
        sort,
        pushed,
      ),
    [loadedTags, filter, sort, platformsByTag, pushed],
  );
  const loadMore = useCallback(() => {
    if (hasNextPage && !isFetchingNextPage) void fetchNextPage();
  }, [hasNextPage, isFetchingNextPage, fetchNextPage]);
  return {
    query,
    filter,
    setFilter,
    sort,
    setSort,
    view,
    setView,
    loadedTags,
    filtering,
    checking: summaries.filter((q) => q.isPending).length,
    tags,
    pushed,
    loadMore,
  };
}
