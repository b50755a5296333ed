import Link from 'next/link';

import { ACTION_TONE } from '@/components/activity/action-tone';
import { Badge } from '@/components/ui/badge';
import { formatDate } from '@/lib/format';
import { imagePath, repositoryPath } from '@/lib/paths';
import { listDrafts } from '@/lib/drafts';
import { activityKeeper } from '@/lib/jobs';
import { pageReader } from '@/lib/server/page-reader';
import { listActivity } from '@/lib/store';

const empty = 'text-sm text-zinc-600 dark:text-zinc-400';
const more = 'mt-3 inline-block text-xs text-sky-700 hover:underline dark:text-sky-400';

/** The drafts changed last that the viewer may see (as /drafts lists them), with their entry count. */
export async function RecentDrafts({ limit = 5 }: { limit?: number }) {
  const viewer = await pageReader();
  const drafts = viewer ? listDrafts(viewer.reader).slice(0, limit) : [];
  if (drafts.length === 0)
    return (
      <p className={empty}>
        No drafts yet. A draft assembles per-architecture images into one list, then pushes it with
        its contents.{' '}
        <Link href="/drafts" className="text-sky-700 underline dark:text-sky-400">
          Start one
        </Link>
        .
      </p>
    );
  return (
    <>
      <ul
        className="flex flex-col divide-y divide-zinc-200 dark:divide-zinc-800"
        aria-label="Recent drafts"
      >
        {drafts.map((d) => (
          <li key={d.id} className="flex flex-wrap items-baseline justify-between gap-x-3 py-1.5">
            <Link
              href={`/drafts/${d.id}`}
              className="min-w-0 truncate font-medium text-sky-700 hover:underline dark:text-sky-400"
            >
              {d.name}
            </Link>
            <span className="text-xs text-zinc-600 dark:text-zinc-400">
              {d.entryCount} entr{d.entryCount === 1 ? 'y' : 'ies'} ·{' '}
              <time dateTime={d.updatedAt} data-dynamic>
                {formatDate(d.updatedAt)}
              </time>
            </span>
          </li>
        ))}
      </ul>
      <Link href="/drafts" className={more}>
        All drafts
      </Link>
    </>
  );
}

/** The last changes Manifold made to registries the viewer may pull (as /activity lists them): action, tag and time. */
export async function RecentActivity({ limit = 6 }: { limit?: number }) {
  const viewer = await pageReader();
  const rows = viewer ? listActivity({ limit }, activityKeeper(viewer.reader)) : [];
  if (rows.length === 0)
    return (
      <p className={empty}>
        Nothing changed through Manifold yet: pushes, retags, copies and deletes are listed here.
      </p>
    );
  return (
    <>
      <ul
        className="flex flex-col divide-y divide-zinc-200 dark:divide-zinc-800"
        aria-label="Recent activity"
      >
        {rows.map((r) => {
          const target = r.tag ?? r.digestAfter ?? r.digestBefore;
          return (
            <li key={r.id} className="flex flex-wrap items-center gap-x-2 gap-y-0.5 py-1.5 text-sm">
              <Badge tone={ACTION_TONE[r.action]}>{r.action}</Badge>
              <Link
                href={
                  target && r.action !== 'delete'
                    ? imagePath(r.registry, r.repository, target)
                    : repositoryPath(r.registry, r.repository)
                }
                className="min-w-0 truncate font-mono text-sky-700 hover:underline dark:text-sky-400"
              >
                {r.repository}
                {r.tag ? `:${r.tag}` : ''}
              </Link>
              <time
                dateTime={r.time}
                className="ml-auto text-xs text-zinc-600 dark:text-zinc-400"
                data-dynamic
              >
                {formatDate(r.time)}
              </time>
            </li>
          );
        })}
      </ul>
      <Link href="/activity" className={more}>
        All activity
      </Link>
    </>
  );
}
