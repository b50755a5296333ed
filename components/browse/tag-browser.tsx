'use client';

import { useInfiniteQuery, useQueries } from '@tanstack/react-query';
import { useCallback, useMemo } from 'react';

import { platformLabel } from '@/components/manifest/platform-chip';
import { tagSummaryOptions, tagsOptions } from '@/lib/query/keys';

import { CoverageMatrix } from './coverage-matrix';
import { FilterField } from './filter-field';
import { LoadMoreFooter, PageFetchError } from './paged-list-footer';
import { Segmented } from './segmented';
import { TagList } from './tag-list';
import { filterTags, sortTags, type TagSort } from './tag-order';
import { useUrlParam } from './use-url-param';

export type TagView = 'tags' | 'coverage';

const SORTS = [
  {
    value: 'version',
    label: 'Version',
    title: 'latest first, then versions newest first (1.10 after 1.9), then other tags A–Z',
  },
  { value: 'name', label: 'Name A–Z', title: 'Alphabetical' },
  { value: 'name-desc', label: 'Name Z–A', title: 'Reverse alphabetical' },
] as const;
const VIEWS = [
  { value: 'tags', label: 'Tags' },
  { value: 'coverage', label: 'Platform coverage', title: 'Tags down, platforms across' },
] as const;

/** A repository's tags: loaded a page at a time, filtered and sorted in the browser, as a list or a coverage matrix. */
export function TagBrowser({
  host,
  repository,
  pageSize,
  initial,
}: {
  host: string;
  repository: string;
  pageSize: number;
  initial: { filter: string; sort: TagSort; view: TagView };
}) {
  const query = useInfiniteQuery(tagsOptions(host, repository, pageSize));
  const { hasNextPage, isFetchingNextPage, fetchNextPage } = query;
  const [filter, setFilter] = useUrlParam('q', '', initial.filter);
  const [sort, setSort] = useUrlParam<TagSort>('sort', 'version', initial.sort);
  const [view, setView] = useUrlParam<TagView>('view', 'tags', initial.view);

  const loadedTags = useMemo(
    () => [...new Set(query.data?.pages.flatMap((p) => p.tags))],
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
  const checking = summaries.filter((q) => q.isPending).length;
  const tags = useMemo(
    () =>
      sortTags(
        filterTags(loadedTags, filter, (t) => platformsByTag.get(t)),
        sort,
      ),
    [loadedTags, filter, sort, platformsByTag],
  );
  const loadMore = useCallback(() => {
    if (hasNextPage && !isFetchingNextPage) void fetchNextPage();
  }, [hasNextPage, isFetchingNextPage, fetchNextPage]);
  // Scrolling to the end loads the next page, but not while filtering: that would pull every tag.
  const onEndReached = filter.trim() ? undefined : loadMore;

  const loadedWord = hasNextPage ? 'loaded tags' : 'tags';
  const status = filtering
    ? `${tags.length} of ${loadedTags.length} ${loadedWord} match “${filter.trim()}” by name or platform${checking ? ` (checking the platforms of ${checking} more…)` : ''}.`
    : `${loadedTags.length} ${loadedTags.length === 1 ? 'tag' : 'tags'}${hasNextPage ? ' loaded so far; the registry has more' : ''}.`;

  return (
    <section
      aria-label={`Tags of ${repository}`}
      className="overflow-hidden rounded-lg border border-zinc-200 bg-white dark:border-zinc-800 dark:bg-zinc-900"
    >
      <div className="flex flex-col gap-3 border-b border-zinc-200 px-4 py-3 md:flex-row md:items-end md:justify-between dark:border-zinc-800">
        <div className="flex min-w-0 flex-col gap-1 md:max-w-md md:flex-1">
          <FilterField
            label="Filter tags"
            placeholder="e.g. arm64 or 1.2"
            value={filter}
            onChange={setFilter}
            help={
              hasNextPage ? (
                <>
                  Matches tag names and platforms of the {loadedTags.length} tags loaded so far;
                  load more to include the rest.
                </>
              ) : (
                <>Matches tag names and platforms.</>
              )
            }
          />
        </div>
        <div className="flex flex-wrap items-center gap-3">
          <div className="flex items-center gap-2">
            <span className="text-xs text-zinc-600 dark:text-zinc-400" aria-hidden>
              Sort
            </span>
            <Segmented label="Sort tags by" value={sort} options={SORTS} onChange={setSort} />
          </div>
          <Segmented label="View" value={view} options={VIEWS} onChange={setView} />
        </div>
      </div>

      <p aria-live="polite" className="px-4 pt-3 pb-1 text-xs text-zinc-600 dark:text-zinc-400">
        {status}
      </p>

      {tags.length === 0 ? (
        <p className="px-4 py-6 text-sm text-zinc-600 dark:text-zinc-400">
          {filtering
            ? `No ${hasNextPage ? 'loaded ' : ''}tag matches “${filter.trim()}”${checking ? ' yet' : ''}.${hasNextPage ? ' Load more to search further.' : ''}`
            : 'This repository has no tags. Its manifests, if any, can only be reached by digest.'}
        </p>
      ) : view === 'coverage' ? (
        <CoverageMatrix
          host={host}
          repository={repository}
          tags={tags}
          onEndReached={onEndReached}
        />
      ) : (
        <TagList host={host} repository={repository} tags={tags} onEndReached={onEndReached} />
      )}

      <PageFetchError
        query={query}
        nextPageTitle="The next page of tags could not be loaded"
        reloadTitle="The tags could not be reloaded"
      />

      <LoadMoreFooter
        hasNextPage={hasNextPage}
        isFetchingNextPage={isFetchingNextPage}
        onLoadMore={loadMore}
        label="Load more tags"
      />
    </section>
  );
}
