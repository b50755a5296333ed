'use client';

import { useInfiniteQuery } from '@tanstack/react-query';
import Link from 'next/link';
import { useCallback } from 'react';

import { useWindowList } from '@/components/browse/use-window-list';
import { useDenial } from '@/components/auth/access';
import { Button } from '@/components/ui/button';
import { imagePath, repositoryPath } from '@/lib/paths';

import { reposQuery, type CoverageFilter, type CoverageRepoRecord } from './coverage-api';

const ROW_HEIGHT = 44;
// The fix button comes right after the name: with many platform columns a last column is off-screen.
const COLUMNS = (platforms: number) =>
  `minmax(12rem, 1.5fr) 7.5rem minmax(9rem, 1fr) repeat(${platforms}, 6.5rem)`;
// The repository name stays in view while the platform columns scroll sideways.
const STICKY = 'sticky left-0 z-10 -ml-3 self-stretch flex items-center pl-3';

function Cell({ repo, platform }: { repo: CoverageRepoRecord; platform: string }) {
  const withIt = repo.tags.filter((t) => t.platforms.includes(platform));
  const broken = repo.tags.filter((t) => t.broken.some((b) => b.platform === platform));
  const n = repo.tagCount;
  const title = `${platform}: ${withIt.map((t) => t.tag).join(', ') || 'no tag'}${broken.length ? `; broken in ${broken.map((t) => t.tag).join(', ')}` : ''}`;
  if (n === 0) return <span className="text-zinc-400">·</span>;
  if (withIt.length === 0 && broken.length > 0)
    return (
      <span title={title} className="font-medium text-red-700 dark:text-red-400">
        broken
      </span>
    );
  if (withIt.length === 0)
    return (
      <span title={title} aria-label="missing" className="text-zinc-400">
        —
      </span>
    );
  const full = withIt.length === n;
  return (
    <span
      title={title}
      className={
        full ? 'text-emerald-700 dark:text-emerald-400' : 'text-amber-700 dark:text-amber-400'
      }
    >
      {full ? '✓ ' : ''}
      {withIt.length}/{n}
    </span>
  );
}

function Row({
  registry,
  repo,
  platforms,
  onFix,
}: {
  registry: string;
  repo: CoverageRepoRecord;
  platforms: string[];
  onFix: (repository: string, tag: string) => void;
}) {
  const first = repo.tags.find((t) => t.tag === 'latest') ?? repo.tags[0];
  const denial = useDenial('editor', { registry, repository: repo.repository }, 'Add to draft');
  return (
    <div
      role="row"
      data-repository={repo.repository}
      className="grid h-full items-center gap-2 border-b border-zinc-100 px-3 text-sm dark:border-zinc-800"
      style={{ gridTemplateColumns: COLUMNS(platforms.length) }}
    >
      <div role="cell" className={`${STICKY} truncate bg-white font-mono dark:bg-zinc-950`}>
        <Link
          href={repositoryPath(registry, repo.repository)}
          className="text-sky-700 hover:underline dark:text-sky-400"
        >
          {repo.repository}
        </Link>
      </div>
      <div role="cell">
        {first && !denial ? (
          <Button
            size="sm"
            variant="secondary"
            onClick={() => onFix(repo.repository, first.tag)}
            aria-label={`Add ${repo.repository}:${first.tag} to a draft`}
          >
            Add to draft
          </Button>
        ) : null}
      </div>
      <div role="cell" className="truncate font-mono text-xs">
        {repo.error ? (
          <span className="text-red-700 dark:text-red-400" title={repo.error.message}>
            {repo.error.code}
          </span>
        ) : (
          repo.tags.slice(0, 3).map((t, i) => (
            <span key={t.tag}>
              {i > 0 ? ', ' : ''}
              <Link
                href={imagePath(registry, repo.repository, t.tag)}
                className="text-sky-700 hover:underline dark:text-sky-400"
              >
                {t.tag}
              </Link>
            </span>
          ))
        )}
        {repo.tags.length > 3 ? (
          <span className="text-zinc-500 dark:text-zinc-400"> +{repo.tags.length - 3}</span>
        ) : null}
        {repo.broken > 0 ? (
          <span
            className="ml-1 rounded bg-red-50 px-1 text-red-700 dark:bg-red-950 dark:text-red-300"
            title={repo.tags
              .flatMap((t) => t.broken.map((b) => `${t.tag}: ${b.platform} ${b.code}`))
              .join('\n')}
          >
            {repo.broken} broken
          </span>
        ) : null}
        {repo.tagsTruncated || repo.tagsDropped ? (
          <span
            className="ml-1 rounded bg-amber-50 px-1 text-amber-800 dark:bg-amber-950 dark:text-amber-300"
            title={[
              repo.tagsTruncated ? 'Only the first tags were read; the registry lists more.' : '',
              repo.tagsDropped
                ? `${repo.tagsDropped} names the registry listed are not valid tags and were left out.`
                : '',
            ]
              .filter(Boolean)
              .join(' ')}
          >
            {repo.tagsTruncated ? 'first tags only' : `${repo.tagsDropped} invalid`}
          </span>
        ) : null}
      </div>
      {platforms.map((p) => (
        <div role="cell" key={p} className="text-center font-mono text-xs">
          <Cell repo={repo} platform={p} />
        </div>
      ))}
    </div>
  );
}

/** What the cells mean, and which tags they judge. */
function CoverageLegend() {
  return (
    <div
      data-testid="coverage-legend"
      className="flex flex-col gap-1 text-xs text-zinc-600 dark:text-zinc-400"
    >
      <dl className="flex flex-wrap gap-x-4 gap-y-1">
        {[
          ['✓ 2/2', 'every judged tag has the platform'],
          ['1/2', 'that many of the judged tags have it'],
          ['—', 'no judged tag has it'],
          ['·', 'no tag judged'],
        ].map(([mark, meaning]) => (
          <div key={mark} className="flex gap-1">
            <dt className="font-mono font-semibold">{mark}</dt>
            <dd>{meaning}</dd>
          </div>
        ))}
      </dl>
      <p>
        Judged tags are the ones people release: a tag on a platform image of a list in the same
        repository (<code className="font-mono">1.0-amd64</code>) and the signature tags{' '}
        <code className="font-mono">sha256-….sig/.att/.sbom</code> are left out.
      </p>
    </div>
  );
}

/** The report's table: repositories x platforms, read 200 rows at a time, only visible rows mounted. */
export function CoverageTable({
  scanId,
  registry,
  filter,
  platforms,
  onFix,
}: {
  scanId: string;
  registry: string;
  filter: CoverageFilter;
  platforms: string[];
  onFix: (repository: string, tag: string) => void;
}) {
  const query = useInfiniteQuery(reposQuery(scanId, filter));
  const rows = query.data?.pages.flatMap((p) => p.repositories) ?? [];
  const total = query.data?.pages[0]?.total;
  const { hasNextPage, isFetchingNextPage, fetchNextPage } = query;
  const loadMore = useCallback(() => {
    if (hasNextPage && !isFetchingNextPage) void fetchNextPage();
  }, [hasNextPage, isFetchingNextPage, fetchNextPage]);
  const { ref, virtualizer, scrollMargin, items } = useWindowList<HTMLDivElement>({
    count: rows.length,
    estimateSize: () => ROW_HEIGHT,
    getItemKey: (i) => rows[i]?.repository ?? i,
    onEndReached: loadMore,
  });

  return (
    <div className="flex flex-col gap-2">
      <p role="status" className="text-sm text-zinc-600 dark:text-zinc-400">
        {total === undefined
          ? query.error
            ? query.error.message
            : 'Loading…'
          : `${total} ${total === 1 ? 'repository' : 'repositories'} match.`}
      </p>
      <div className="overflow-x-auto rounded-lg border border-zinc-200 dark:border-zinc-800">
        <div
          role="table"
          aria-label="Platform coverage"
          aria-rowcount={total ?? -1}
          className="min-w-max"
        >
          <div
            role="row"
            className="grid gap-2 border-b border-zinc-200 bg-zinc-50 px-3 py-2 text-xs font-semibold text-zinc-600 dark:border-zinc-800 dark:bg-zinc-900 dark:text-zinc-400"
            style={{ gridTemplateColumns: COLUMNS(platforms.length) }}
          >
            <div role="columnheader" className={`${STICKY} bg-zinc-50 dark:bg-zinc-900`}>
              Repository
            </div>
            <div role="columnheader">Fix a gap</div>
            <div role="columnheader">Tags</div>
            {platforms.map((p) => (
              <div role="columnheader" key={p} className="text-center font-mono">
                {p}
              </div>
            ))}
          </div>
          <div
            ref={ref}
            role="rowgroup"
            style={{ height: virtualizer.getTotalSize(), position: 'relative' }}
          >
            {items.map((item) => {
              const repo = rows[item.index];
              if (!repo) return null;
              return (
                <div
                  key={item.key}
                  className="absolute top-0 left-0 w-full"
                  style={{
                    height: ROW_HEIGHT,
                    transform: `translateY(${item.start - scrollMargin}px)`,
                  }}
                >
                  <Row registry={registry} repo={repo} platforms={platforms} onFix={onFix} />
                </div>
              );
            })}
          </div>
        </div>
      </div>
      <CoverageLegend />
      {isFetchingNextPage ? (
        <p className="text-sm text-zinc-500 dark:text-zinc-400">Loading more…</p>
      ) : null}
    </div>
  );
}
