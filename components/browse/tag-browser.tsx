'use client';

import { CoverageMatrix } from './coverage-matrix';
import { FilterField } from './filter-field';
import { ListingNoticeText, LoadMoreFooter, PageFetchError } from './paged-list-footer';
import { Segmented } from './segmented';
import { SelectionBar } from './selection-bar';
import { TagList } from './tag-list';
import type { TagSort } from './tag-order';
import { useTagBrowser, type TagView } from './use-tag-browser';
import { useListSelection } from './tag-selection';

export type { TagView } from './use-tag-browser';

const SORTS = [
  {
    value: 'version',
    label: 'Version',
    title: 'latest first, then versions newest first (1.10 after 1.9), then other tags A–Z',
  },
  { value: 'name', label: 'Name A–Z', title: 'Alphabetical' },
  { value: 'name-desc', label: 'Name Z–A', title: 'Reverse alphabetical' },
  {
    value: 'pushed',
    label: 'Last pushed',
    title:
      'Most recently pushed first (as Manifold recorded it: its own changes, registry events, checks)',
  },
] as const;
const VIEWS = [
  { value: 'tags', label: 'Tags' },
  { value: 'coverage', label: 'Platform coverage', title: 'Tags down, platforms across' },
] as const;

/** Filter, sort and view of the tag list. */
function Toolbar({ b }: { b: ReturnType<typeof useTagBrowser> }) {
  return (
    <div className="flex flex-col gap-3 border-b border-zinc-200 px-4 py-3 md:flex-row md:items-end md:justify-between dark:border-zinc-800">
      <div className="flex min-w-0 flex-col gap-1 md:max-w-md md:flex-1">
        <FilterField
          label="Filter tags"
          placeholder="e.g. arm64 or 1.2"
          value={b.filter}
          onChange={b.setFilter}
          help={
            b.query.hasNextPage ? (
              <>
                Matches tag names and platforms of the {b.loadedTags.length} tags loaded so far;
                load more to include the rest.
              </>
            ) : (
              <>Matches tag names and platforms.</>
            )
          }
        />
      </div>
      <div className="flex flex-wrap items-center gap-3">
        <div className="flex min-w-0 items-center gap-2">
          <span className="text-xs text-zinc-600 dark:text-zinc-400" aria-hidden>
            Sort
          </span>
          <Segmented label="Sort tags by" value={b.sort} options={SORTS} onChange={b.setSort} />
        </div>
        <Segmented label="View" value={b.view} options={VIEWS} onChange={b.setView} />
      </div>
    </div>
  );
}

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
  const b = useTagBrowser(host, repository, pageSize, initial);
  const { query, filter, filtering, loadedTags, checking, tags, loadMore } = b;
  const { hasNextPage, isFetchingNextPage } = query;
  const { selection, signatures, selectedTags } = useListSelection(tags, loadedTags);
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
      <Toolbar b={b} />

      <p aria-live="polite" className="px-4 pt-3 pb-1 text-xs text-zinc-600 dark:text-zinc-400">
        {status}
      </p>

      {tags.length === 0 ? (
        <p className="px-4 py-6 text-sm text-zinc-600 dark:text-zinc-400">
          {filtering
            ? `No ${hasNextPage ? 'loaded ' : ''}tag matches “${filter.trim()}”${checking ? ' yet' : ''}.${hasNextPage ? ' Load more to search further.' : ''}`
            : 'This repository has no tags. Its manifests, if any, can only be reached by digest.'}
        </p>
      ) : b.view === 'coverage' ? (
        <CoverageMatrix
          host={host}
          repository={repository}
          tags={tags}
          onEndReached={onEndReached}
        />
      ) : (
        <TagList
          host={host}
          repository={repository}
          tags={tags}
          pushed={b.pushed}
          onEndReached={onEndReached}
          selection={{ selected: selection.selected, choose: selection.choose, signatures }}
        />
      )}
      {selectedTags.length ? (
        <>
          {/* Room for the fixed bar, so it never hides the last rows. */}
          <div aria-hidden className="h-28 sm:h-16" />
          <SelectionBar
            host={host}
            repository={repository}
            tags={selectedTags}
            onClear={selection.clear}
          />
        </>
      ) : null}

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
      <ListingNoticeText pages={query.data?.pages} loaded={b.loadedTags.length} noun="tags" />
    </section>
  );
}
