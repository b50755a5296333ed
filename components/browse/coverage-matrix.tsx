'use client';

import { useQueries, useQuery, type UseQueryResult } from '@tanstack/react-query';
import Link from 'next/link';
import { useMemo } from 'react';

import { platformLabel } from '@/components/manifest/platform-chip';
import { Skeleton } from '@/components/ui/card';
import { imagePath } from '@/lib/paths';
import { toPublicError } from '@/lib/errors';
import { tagSummaryOptions } from '@/lib/query/keys';
import type { TagSummary } from '@/lib/browse/tag-summary';

import { coveredKeys, platformColumns, type PlatformColumn } from './coverage';
import { useWindowList } from './use-window-list';

const ROW_HEIGHT = 37;

function summariesOf(results: UseQueryResult<TagSummary>[]): (TagSummary | undefined)[] {
  return results.map((r) => r.data);
}

/** The header row: "Tag", then one rotated platform label per column. */
function MatrixHead({ columns }: { columns: PlatformColumn[] }) {
  return (
    <thead>
      <tr className="border-b border-zinc-200 dark:border-zinc-800">
        <th
          scope="col"
          className="sticky left-0 z-10 bg-white px-4 py-2 text-left align-bottom text-xs font-medium text-zinc-500 dark:bg-zinc-900 dark:text-zinc-400"
        >
          Tag
        </th>
        {columns.map((c) => (
          <th
            key={c.key}
            scope="col"
            title={platformLabel(c.platform)}
            className="min-w-9 px-1.5 py-2 align-bottom"
          >
            <span className="mx-auto block max-h-40 rotate-180 overflow-hidden font-mono text-xs font-medium text-ellipsis whitespace-nowrap text-zinc-700 [writing-mode:vertical-rl] dark:text-zinc-300">
              {platformLabel(c.platform)}
            </span>
          </th>
        ))}
        <th aria-hidden className="w-full" />
      </tr>
    </thead>
  );
}

/**
 * Tags down, platforms across (the union of the loaded summaries, in display order), a check where
 * a tag provides that platform. Rows are virtualized; a row loads its tag's summary when mounted.
 */
export function CoverageMatrix({
  host,
  repository,
  tags,
  onEndReached,
}: {
  host: string;
  repository: string;
  tags: string[];
  onEndReached?: (() => void) | undefined;
}) {
  // Read-only view of the summaries already in the cache: these observers never fetch.
  const summaries = useQueries({
    queries: tags.map((tag) => ({ ...tagSummaryOptions(host, repository, tag), enabled: false })),
    combine: summariesOf,
  });
  const columns = useMemo(() => platformColumns(summaries), [summaries]);
  const loaded = summaries.filter(Boolean).length;

  const { ref, virtualizer, scrollMargin, items } = useWindowList<HTMLTableSectionElement>({
    count: tags.length,
    estimateSize: () => ROW_HEIGHT,
    getItemKey: (i) => tags[i] ?? i,
    onEndReached,
  });
  const first = items[0];
  const last = items[items.length - 1];
  const padTop = first ? first.start - scrollMargin : 0;
  const padBottom = last ? virtualizer.getTotalSize() - (last.end - scrollMargin) : 0;

  return (
    <div className="flex flex-col gap-2">
      <p className="px-4 text-xs text-zinc-600 dark:text-zinc-400">
        {columns.length} {columns.length === 1 ? 'platform' : 'platforms'} across the {loaded} of{' '}
        {tags.length} tags summarized so far; rows load as they scroll into view.
      </p>
      <div className="overflow-x-auto">
        <table className="w-full border-collapse text-sm">
          <caption className="sr-only">
            Platform coverage: which platforms each tag provides
          </caption>
          <MatrixHead columns={columns} />
          <tbody ref={ref}>
            {padTop > 0 ? (
              <tr aria-hidden>
                <td style={{ height: padTop }} />
              </tr>
            ) : null}
            {items.map((item) => {
              const tag = tags[item.index];
              if (tag === undefined) return null;
              return (
                <MatrixRow
                  key={item.key}
                  host={host}
                  repository={repository}
                  tag={tag}
                  columns={columns}
                />
              );
            })}
            {padBottom > 0 ? (
              <tr aria-hidden>
                <td style={{ height: padBottom }} />
              </tr>
            ) : null}
          </tbody>
        </table>
      </div>
    </div>
  );
}

function MatrixRow({
  host,
  repository,
  tag,
  columns,
}: {
  host: string;
  repository: string;
  tag: string;
  columns: PlatformColumn[];
}) {
  const summary = useQuery(tagSummaryOptions(host, repository, tag));
  const covered = useMemo(
    () => (summary.data ? coveredKeys(summary.data) : undefined),
    [summary.data],
  );
  const span = Math.max(columns.length, 1);
  return (
    <tr
      data-tag={tag}
      className="border-b border-zinc-100 hover:bg-zinc-50 dark:border-zinc-800/70 dark:hover:bg-zinc-800/40"
      style={{ height: ROW_HEIGHT }}
    >
      <th
        scope="row"
        className="sticky left-0 z-10 max-w-48 truncate bg-white px-4 py-1.5 text-left font-normal dark:bg-zinc-900"
      >
        <Link
          href={imagePath(host, repository, tag)}
          title={tag}
          className="font-mono font-semibold text-sky-700 hover:underline dark:text-sky-400"
        >
          {tag}
        </Link>
      </th>
      {summary.isPending ? (
        <td colSpan={span} className="px-1">
          <Skeleton className="h-4 w-full max-w-64" />
          <span className="sr-only">Loading</span>
        </td>
      ) : summary.isError ? (
        <td colSpan={span} className="truncate px-1 text-xs text-red-700 dark:text-red-400">
          {toPublicError(summary.error).message}
        </td>
      ) : covered && covered.size === 0 ? (
        <td colSpan={span} className="px-1 text-xs text-zinc-500 dark:text-zinc-400">
          {summary.data.kind === 'artifact' ? 'artifact: no platform' : 'no platform'}
        </td>
      ) : (
        columns.map((c) => (
          <CoverageCell key={c.key} column={c} has={covered?.has(c.key) ?? false} />
        ))
      )}
      <td aria-hidden />
    </tr>
  );
}

function CoverageCell({ column, has }: { column: PlatformColumn; has: boolean }) {
  const label = platformLabel(column.platform);
  return (
    <td data-covered={has} className="px-1.5 text-center">
      {has ? (
        <>
          <span
            aria-hidden
            className="inline-flex h-6 w-6 items-center justify-center rounded bg-emerald-100 text-sm font-semibold text-emerald-700 dark:bg-emerald-900/50 dark:text-emerald-300"
          >
            ✓
          </span>
          <span className="sr-only">has {label}</span>
        </>
      ) : (
        <>
          <span aria-hidden className="text-zinc-300 dark:text-zinc-700">
            ·
          </span>
          <span className="sr-only">no {label}</span>
        </>
      )}
    </td>
  );
}
