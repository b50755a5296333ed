'use client';

import { useQuery } from '@tanstack/react-query';
import Link from 'next/link';

import { AddToDraftButton } from '@/components/drafts/add-to-draft-button';
import { PlatformChip } from '@/components/manifest/platform-chip';
import { Badge } from '@/components/ui/badge';
import { Skeleton } from '@/components/ui/card';
import { formatBytes, formatDate } from '@/lib/format';
import { imagePath } from '@/lib/paths';
import { toPublicError } from '@/lib/errors';
import { isReferrerTag } from '@/lib/coverage/tag-rule';
import { tagSummaryOptions } from '@/lib/query/keys';
import { platformKey, shortDigest } from '@/lib/registry/pure';
import type { TagSummary } from '@/lib/browse/tag-summary';

import { KindBadge } from './kind-badge';
import { TagName } from './tag-name';
import { formatDay } from './summary-format';

/**
 * Column template shared by the tag rows and their header (one column on phones). Every column has
 * a width that does not depend on its content, so the header (which has no button) lines up.
 */
export const TAG_GRID =
  'grid grid-cols-1 gap-x-4 gap-y-1.5 md:grid-cols-[minmax(6rem,10rem)_7rem_minmax(0,1fr)_9rem_5rem_5.5rem_6.5rem] md:items-center';

/** One tag: its name links to the image page; its summary loads when the row is mounted (scrolled into view). */
export function TagRow({
  host,
  repository,
  tag,
}: {
  host: string;
  repository: string;
  tag: string;
}) {
  const summary = useQuery(tagSummaryOptions(host, repository, tag));
  return (
    <div className={`${TAG_GRID} px-4 py-2.5`} aria-busy={summary.isPending || undefined}>
      <div className="flex min-w-0 items-center gap-2">
        <Link
          href={imagePath(host, repository, tag)}
          title={tag}
          aria-label={tag}
          className="flex min-w-0 font-mono text-sm font-semibold text-sky-700 hover:underline dark:text-sky-400"
        >
          <TagName tag={tag} />
        </Link>
        {summary.data ? (
          <span className="md:hidden">
            <Kind summary={summary.data} />
          </span>
        ) : null}
      </div>
      {summary.isPending ? (
        <div className="flex gap-2 md:col-span-5">
          <Skeleton className="h-5 w-24" />
          <Skeleton className="h-5 w-40" />
          <span className="sr-only">Loading the summary of {tag}</span>
        </div>
      ) : summary.isError ? (
        <p className="flex flex-wrap items-center gap-2 text-xs text-red-700 md:col-span-5 dark:text-red-400">
          <span>Could not read this tag: {toPublicError(summary.error).message}</span>
          <button
            type="button"
            onClick={() => void summary.refetch()}
            className="rounded px-1.5 py-0.5 ring-1 ring-red-300 hover:bg-red-50 dark:ring-red-800 dark:hover:bg-red-950"
          >
            Retry
          </button>
        </p>
      ) : (
        <SummaryCells tag={tag} summary={summary.data} />
      )}
      <div className="md:text-right">
        {/* A signature or an SBOM runs nowhere: a manifest list has no place for it. */}
        {summary.data?.kind === 'artifact' || isReferrerTag(tag) ? null : (
          <AddToDraftButton
            reference={`${host}/${repository}:${tag}`}
            accessibleName={`Add to draft: ${tag}`}
          />
        )}
      </div>
    </div>
  );
}

function Kind({ summary }: { summary: TagSummary }) {
  return (
    <span className="inline-flex flex-wrap gap-1">
      <KindBadge
        format={summary.format}
        {...(summary.artifactType ? { artifactType: summary.artifactType } : {})}
      />
      {summary.childErrors > 0 ? (
        <Badge
          tone="red"
          title="Children of this list that the registry could not serve; open the tag for details"
        >
          {summary.childErrors} unreadable
        </Badge>
      ) : null}
    </span>
  );
}

function SummaryCells({ tag, summary }: { tag: string; summary: TagSummary }) {
  const day = formatDay(summary.created);
  return (
    <>
      <div className="hidden md:block">
        <Kind summary={summary} />
      </div>
      {summary.platforms.length ? (
        <ul aria-label={`Platforms of ${tag}`} className="flex flex-wrap gap-1">
          {summary.platforms.map((p) => (
            <li key={platformKey(p)}>
              <PlatformChip platform={p} />
            </li>
          ))}
        </ul>
      ) : (
        <p
          className="truncate text-xs text-zinc-500 dark:text-zinc-400"
          title={summary.artifactType}
        >
          {summary.kind === 'artifact' ? (summary.artifactType ?? 'no platform') : 'no platform'}
        </p>
      )}
      <div className="flex flex-wrap gap-x-3 text-xs text-zinc-600 md:contents dark:text-zinc-400">
        <span className="font-mono" title={summary.digest}>
          {shortDigest(summary.digest)}
        </span>
        <span className="md:text-right" title="Compressed size, each shared layer counted once">
          {formatBytes(summary.totalSize)}
        </span>
        {day ? (
          <time
            dateTime={summary.created}
            title={`Created ${formatDate(summary.created)}`}
            className="md:text-right"
          >
            {day}
          </time>
        ) : (
          <span className="md:text-right" title="No creation time recorded">
            —
          </span>
        )}
      </div>
    </>
  );
}
