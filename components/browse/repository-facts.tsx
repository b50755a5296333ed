'use client';

import { useInfiniteQuery, useQuery } from '@tanstack/react-query';

import { PlatformChip } from '@/components/manifest/platform-chip';
import { formatDate } from '@/lib/format';
import { tagSummaryOptions, tagsOptions } from '@/lib/query/keys';
import { platformKey } from '@/lib/registry/pure';

/** What the repository list may say of a repository besides its name. */
export interface RepositoryFactsProps {
  host: string;
  repository: string;
  /**
   * When the repository was last pushed to, where Manifold's history knows it (the events branch
   * fills this from registry notifications); nothing is shown without it.
   */
  lastPush?: string | undefined;
}

const SHOWN_PLATFORMS = 3;

/**
 * A repository row's facts, read when the row is scrolled into view: how many tags (the first
 * page's count, "100+" when the registry has more) and the platforms of `latest` when it has one.
 */
export function RepositoryFacts({ host, repository, lastPush }: RepositoryFactsProps) {
  const tags = useInfiniteQuery(tagsOptions(host, repository));
  const first = tags.data?.pages[0];
  const hasLatest = first?.tags.includes('latest') ?? false;
  const latest = useQuery({ ...tagSummaryOptions(host, repository, 'latest'), enabled: hasLatest });
  if (!first) return null;
  const n = first.tags.length;
  const platforms = latest.data?.platforms ?? [];
  return (
    <span className="flex shrink-0 items-center gap-2 text-xs text-zinc-600 dark:text-zinc-400">
      {platforms.length ? (
        <span className="hidden items-center gap-1 sm:flex">
          <span className="sr-only">latest runs on</span>
          {platforms.slice(0, SHOWN_PLATFORMS).map((p) => (
            <PlatformChip key={platformKey(p)} platform={p} />
          ))}
          {platforms.length > SHOWN_PLATFORMS ? (
            <span>+{platforms.length - SHOWN_PLATFORMS}</span>
          ) : null}
        </span>
      ) : null}
      {lastPush ? <span>pushed {formatDate(lastPush)}</span> : null}
      <span className="tabular-nums" data-testid="tag-count">
        {first.next ? `${n}+` : n} {n === 1 && !first.next ? 'tag' : 'tags'}
      </span>
    </span>
  );
}
