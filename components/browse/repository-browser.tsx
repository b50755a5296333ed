'use client';

import Link from 'next/link';

import { Card } from '@/components/ui/card';
import { toPublicError } from '@/lib/errors';
import { repositoryPath } from '@/lib/paths';

import { FilterField } from './filter-field';
import { RepositoryFacts } from './repository-facts';
import { ListingNoticeText, LoadMoreFooter, PageFetchError } from './paged-list-footer';
import { useRepositoryRows, type RepositoryRow } from './use-repository-rows';
import { useWindowList } from './use-window-list';

type Row = RepositoryRow;

/** The registry's repositories: loaded a catalog page at a time, filtered, grouped by namespace, virtualized. */
export function RepositoryBrowser({
  host,
  pageSize,
  initialFilter,
}: {
  host: string;
  pageSize: number;
  initialFilter: string;
}) {
  const { query, names, filter, setFilter, rows, matches, loadMore, toggle, search } =
    useRepositoryRows(host, pageSize, initialFilter);
  const { hasNextPage, isFetchingNextPage } = query;

  const list = useWindowList<HTMLDivElement>({
    count: rows.length,
    estimateSize: (i) => (rows[i]?.type === 'group' ? 44 : 38),
    getItemKey: (i) => {
      const row = rows[i];
      return row?.type === 'group' ? `group:${row.namespace}` : (row?.name ?? i);
    },
    // Scrolling to the end loads the next page, but not while filtering: that would pull the whole catalog.
    onEndReached: filter.trim() ? undefined : loadMore,
  });

  const status = search
    ? searchStatus(search, matches, filter.trim())
    : filter.trim()
      ? `${matches} of ${names.length} ${hasNextPage ? 'loaded ' : ''}repositories match “${filter.trim()}”.`
      : `${names.length} ${names.length === 1 ? 'repository' : 'repositories'}${hasNextPage ? ' loaded so far; the registry has more' : ''}.`;
  const searched = Boolean(search?.data);

  return (
    <Card title="Repositories" className="overflow-hidden">
      <div className="-m-4">
        <div className="flex flex-col gap-1 border-b border-zinc-200 px-4 py-3 dark:border-zinc-800">
          <FilterField
            label="Filter repositories"
            placeholder="e.g. demo shazam"
            value={filter}
            onChange={setFilter}
            narrow
            help={
              hasNextPage ? (
                <>Searches the whole catalog on the server, by every word you type.</>
              ) : (
                <>Filters all {names.length} repositories of this registry.</>
              )
            }
          />
        </div>

        <p aria-live="polite" className="px-4 pt-3 pb-1 text-xs text-zinc-600 dark:text-zinc-400">
          {status}
        </p>

        {rows.length === 0 ? (
          <p className="px-4 py-6 text-sm text-zinc-600 dark:text-zinc-400">
            {searched
              ? `No repository in the catalog matches “${filter.trim()}”.`
              : filter.trim()
                ? `No ${hasNextPage ? 'loaded ' : ''}repository matches “${filter.trim()}”.`
                : hasNextPage
                  ? 'This catalog page is empty.'
                  : 'This registry holds no repositories yet.'}
          </p>
        ) : null}

        <VirtualRows host={host} rows={rows} list={list} onToggle={toggle} />

        <PageFetchError
          query={query}
          nextPageTitle="The next catalog page could not be loaded"
          reloadTitle="The repositories could not be reloaded"
        />

        <LoadMoreFooter
          // A search already read the whole catalog: more pages would add nothing to its answer.
          hasNextPage={hasNextPage && !searched}
          isFetchingNextPage={isFetchingNextPage}
          onLoadMore={loadMore}
          label="Load more repositories"
        />
        <ListingNoticeText pages={query.data?.pages} loaded={names.length} noun="repositories" />
      </div>
    </Card>
  );
}

function searchStatus(
  search: NonNullable<ReturnType<typeof useRepositoryRows>['search']>,
  matches: number,
  words: string,
): string {
  if (search.isError) return `The catalog search failed: ${toPublicError(search.error).message}`;
  const info = search.data?.search;
  if (!info) return `Searching the whole catalog for “${words}”…`;
  const found = `${matches} ${matches === 1 ? 'repository matches' : 'repositories match'} “${info.query}” among ${info.scanned} in the catalog.`;
  const limited = info.limited ? ' Only the first ones are shown: add a word to narrow it.' : '';
  const cut = info.truncated
    ? ' The registry lists more than one search reads, so later names were not searched.'
    : '';
  return found + limited + cut;
}

function VirtualRows({
  host,
  rows,
  list,
  onToggle,
}: {
  host: string;
  rows: Row[];
  list: ReturnType<typeof useWindowList<HTMLDivElement>>;
  onToggle: (namespace: string) => void;
}) {
  const { ref, virtualizer, scrollMargin, items } = list;
  return (
    <div ref={ref} className="relative" style={{ height: virtualizer.getTotalSize() }}>
      {items.map((item) => {
        const row = rows[item.index];
        if (!row) return null;
        return (
          <div
            key={item.key}
            data-index={item.index}
            ref={virtualizer.measureElement}
            className="absolute top-0 left-0 w-full"
            style={{ transform: `translateY(${item.start - scrollMargin}px)` }}
          >
            {row.type === 'group' ? (
              <GroupHeader row={row} onToggle={() => onToggle(row.namespace)} />
            ) : (
              <RepositoryLink host={host} row={row} />
            )}
          </div>
        );
      })}
    </div>
  );
}

function GroupHeader({
  row,
  onToggle,
}: {
  row: Extract<Row, { type: 'group' }>;
  onToggle: () => void;
}) {
  return (
    <h3 className="border-t border-zinc-200 bg-zinc-50 first:border-t-0 dark:border-zinc-800 dark:bg-zinc-900/60">
      <button
        type="button"
        aria-expanded={!row.collapsed}
        onClick={onToggle}
        className="flex w-full items-center gap-2 px-4 py-2.5 text-left text-sm font-semibold hover:bg-zinc-100 dark:hover:bg-zinc-800"
      >
        <svg
          aria-hidden
          viewBox="0 0 16 16"
          className={`h-3.5 w-3.5 shrink-0 fill-current text-zinc-500 transition-transform dark:text-zinc-400 ${row.collapsed ? '' : 'rotate-90'}`}
        >
          <path d="M6 3.5 10.5 8 6 12.5z" />
        </svg>
        <span className="font-mono">{row.namespace ? `${row.namespace}/` : 'Top level'}</span>
        <span className="text-xs font-normal text-zinc-500 dark:text-zinc-400">
          {row.count} {row.count === 1 ? 'repository' : 'repositories'}
        </span>
      </button>
    </h3>
  );
}

function RepositoryLink({
  host,
  row,
}: {
  host: string;
  row: Extract<Row, { type: 'repository' }>;
}) {
  const rest = row.namespace ? row.name.slice(row.namespace.length + 1) : row.name;
  return (
    <div className="flex items-center justify-between gap-3 pr-4 hover:bg-zinc-50 dark:hover:bg-zinc-800/60">
      <Link
        href={repositoryPath(host, row.name)}
        data-namespace={row.namespace}
        title={row.name}
        className="block min-w-0 truncate py-2 pl-9 font-mono text-sm text-sky-700 hover:underline dark:text-sky-400"
      >
        {row.namespace ? (
          <span className="text-zinc-500 dark:text-zinc-400">{row.namespace}/</span>
        ) : null}
        {rest}
      </Link>
      <RepositoryFacts host={host} repository={row.name} />
    </div>
  );
}
