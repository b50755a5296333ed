'use client';

import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';

import { AddToDraftButton } from '@/components/drafts/add-to-draft-button';
import { PlatformChip } from '@/components/manifest/platform-chip';
import { Skeleton } from '@/components/ui/card';
import { formatBytes, formatDate } from '@/lib/format';
import { imagePath } from '@/lib/paths';
import { toPublicError } from '@/lib/errors';
import { tagSummaryOptions } from '@/lib/query/keys';
import { platformKey, shortDigest } from '@/lib/registry/pure';
import type { TagSummary } from '@/lib/browse/tag-summary';
import { isCosignTag, isReferrerTag } from '@/lib/browse/trust';

export type { TagRowSelection } from './tag-name-cell';

import { Kind, TagNameCell, type TagRowSelection } from './tag-name-cell';
import { formatDay } from './summary-format';
import { TagDetails } from './tag-details';

/**
 * Column template shared by the tag rows and their header (one column on phones). Every column has
 * a width that does not depend on its content, so the header (which has no button) lines up.
 */
export const TAG_GRID =
  'grid grid-cols-1 gap-x-4 gap-y-1.5 lg:grid-cols-[minmax(8rem,12rem)_7rem_minmax(0,1fr)_9rem_5rem_5.5rem_5.5rem_10.5rem] lg:items-center';

/** One tag: its name links to the image page; its summary loads when the row is mounted (scrolled into view). */
export function TagRow({
  host,
  repository,
  tag,
  pushed,
  selection,
}: {
  host: string;
  repository: string;
  tag: string;
  /** When the tag last changed, as Manifold recorded it (ISO 8601). */
  pushed?: string | undefined;
  selection: TagRowSelection;
}) {
  const summary = useQuery(tagSummaryOptions(host, repository, tag));
  const [open, setOpen] = useState(false);
  // cosign's own tags are records about another image: nothing to pull, select or add to a list.
  const record = isCosignTag(tag);
  const detailsId = `tag-details-${tag}`;
  return (
    <div className={`${TAG_GRID} px-4 py-2.5`} aria-busy={summary.isPending || undefined}>
      <TagNameCell
        href={imagePath(host, repository, tag)}
        tag={tag}
        record={record}
        summary={summary.data}
        selection={selection}
      />
      {summary.isPending ? (
        <div className="flex gap-2 lg:col-span-6">
          <Skeleton className="h-5 w-24" />
          <Skeleton className="h-5 w-40" />
          <span className="sr-only">Loading the summary of {tag}</span>
        </div>
      ) : summary.isError ? (
        <p className="flex flex-wrap items-center gap-2 text-xs text-red-700 lg:col-span-6 dark:text-red-400">
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
        <SummaryCells tag={tag} summary={summary.data} pushed={pushed} />
      )}
      <RowActions
        reference={`${host}/${repository}:${tag}`}
        tag={tag}
        // A signature, attestation or SBOM runs nowhere: nothing to pull or add to a list.
        record={record || isReferrerTag(tag) || summary.data?.kind === 'artifact'}
        loaded={summary.data !== undefined}
        open={open}
        detailsId={detailsId}
        onToggle={() => setOpen((o) => !o)}
      />
      {open && summary.data ? (
        <div id={detailsId} className="min-w-0 lg:col-span-full">
          <TagDetails host={host} repository={repository} tag={tag} summary={summary.data} />
        </div>
      ) : null}
    </div>
  );
}

function RowActions(p: {
  reference: string;
  tag: string;
  record: boolean;
  loaded: boolean;
  open: boolean;
  detailsId: string;
  onToggle: () => void;
}) {
  return (
    <div className="flex flex-wrap items-center gap-2 lg:justify-end">
      {p.loaded && !p.record ? (
        <button
          type="button"
          aria-expanded={p.open}
          aria-controls={p.open ? p.detailsId : undefined}
          aria-label={`Pull: ${p.tag}`}
          onClick={p.onToggle}
          className="rounded-md px-2 py-1 text-xs ring-1 ring-zinc-300 hover:bg-zinc-100 dark:ring-zinc-700 dark:hover:bg-zinc-800"
        >
          Pull {p.open ? '▴' : '▾'}
        </button>
      ) : null}
      {p.record ? null : (
        <AddToDraftButton reference={p.reference} accessibleName={`Add to draft: ${p.tag}`} />
      )}
    </div>
  );
}

function SummaryCells({
  tag,
  summary,
  pushed,
}: {
  tag: string;
  summary: TagSummary;
  pushed: string | undefined;
}) {
  const day = formatDay(summary.created);
  const pushedDay = formatDay(pushed);
  return (
    <>
      <div className="hidden lg:block">
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
      <div className="flex flex-wrap gap-x-3 text-xs text-zinc-600 lg:contents dark:text-zinc-400">
        <span className="font-mono" title={summary.digest}>
          {shortDigest(summary.digest)}
        </span>
        <span className="lg:text-right" title="Compressed size, each shared layer counted once">
          {formatBytes(summary.totalSize)}
        </span>
        {day ? (
          <time
            dateTime={summary.created}
            title={`Built ${formatDate(summary.created)} (the time recorded in the image)`}
            className="lg:text-right"
          >
            {day}
          </time>
        ) : (
          <span className="lg:text-right" title="No build time recorded in the image">
            —
          </span>
        )}
        {pushedDay ? (
          <time
            dateTime={pushed}
            title={`Last pushed ${formatDate(pushed)}`}
            className="lg:text-right"
            data-testid="tag-pushed"
          >
            <span className="lg:hidden">pushed </span>
            {pushedDay}
          </time>
        ) : (
          <span className="lg:text-right" title="Manifold has no record of a push of this tag">
            —
          </span>
        )}
      </div>
    </>
  );
}
