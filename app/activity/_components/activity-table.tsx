import Link from 'next/link';

import { ACTION_TONE } from '@/components/activity/action-tone';
import { Badge } from '@/components/ui/badge';
import { Breakable } from '@/components/ui/breakable';
import { formatDate } from '@/lib/format';
import { imagePath } from '@/lib/paths';
import { shortDigest } from '@/lib/registry';
import type { ActivityRecord } from '@/lib/store';

function DigestLink({ row, digest }: { row: ActivityRecord; digest: string | null }) {
  if (!digest) return <span className="text-zinc-500 dark:text-zinc-400">none</span>;
  return (
    <Link
      href={imagePath(row.registry, row.repository, digest)}
      className="font-mono text-xs text-sky-700 hover:underline dark:text-sky-400"
      title={digest}
    >
      {shortDigest(digest)}
    </Link>
  );
}

function Detail({ row }: { row: ActivityRecord }) {
  const d = row.detail as {
    draftId?: string;
    draftName?: string;
    platforms?: string[];
    forced?: boolean;
    source?: string;
  };
  return (
    <div className="flex flex-col gap-0.5 text-xs text-zinc-600 dark:text-zinc-400">
      {d.draftId ? (
        <span>
          from draft{' '}
          <Link
            href={`/drafts/${d.draftId}`}
            className="text-sky-700 hover:underline dark:text-sky-400"
          >
            {d.draftName ?? d.draftId}
          </Link>
        </span>
      ) : null}
      {d.source ? <span className="font-mono wrap-anywhere">from {d.source}</span> : null}
      {d.platforms?.length ? (
        <span className="font-mono wrap-anywhere">{d.platforms.join(', ')}</span>
      ) : null}
      {d.forced ? <Badge tone="amber">overwrote a moved tag</Badge> : null}
    </div>
  );
}

// On a phone a row is a small card: time, action and who on one line, the tag and digests below,
// instead of a table wider than the screen whose key columns are off to the side.
const PHONE_ROW =
  'max-md:grid max-md:grid-cols-[auto_auto_minmax(0,1fr)] max-md:gap-x-3 max-md:gap-y-1 max-md:py-2';
const CELL = 'min-w-0 px-3 py-2 max-md:py-0';

function ActivityRow({ row: r }: { row: ActivityRecord }) {
  return (
    <tr
      className={`border-t border-zinc-200 align-top dark:border-zinc-800 ${PHONE_ROW}`}
      data-testid="activity-row"
    >
      <td className={`${CELL} whitespace-nowrap`}>{formatDate(r.time)}</td>
      <td className={CELL}>
        <Badge tone={ACTION_TONE[r.action] ?? 'neutral'}>{r.action}</Badge>
      </td>
      <td className={`${CELL} text-xs break-words`} data-testid="activity-who">
        {r.who ?? 'unknown'}
      </td>
      <td className={`${CELL} font-mono text-xs break-words max-md:col-span-3`}>
        {r.tag ? (
          <Link
            href={imagePath(r.registry, r.repository, r.tag)}
            className="text-sky-700 hover:underline dark:text-sky-400"
          >
            <Breakable text={`${r.registry}/${r.repository}:${r.tag}`} />
          </Link>
        ) : (
          <Breakable text={`${r.registry}/${r.repository}`} />
        )}
      </td>
      <td className={`${CELL} max-md:col-span-3 max-md:break-words md:whitespace-nowrap`}>
        <DigestLink row={r} digest={r.digestBefore} /> →{' '}
        <DigestLink row={r} digest={r.digestAfter} />
      </td>
      <td className={`${CELL} break-words max-md:col-span-3`}>
        <Detail row={r} />
      </td>
    </tr>
  );
}

/** The activity log's rows: when, what, who, which tag, the digest before and after, details. */
export function ActivityTable({
  rows,
  filtered = false,
}: {
  rows: ActivityRecord[];
  filtered?: boolean;
}) {
  // With a filter, "nothing yet" would claim there is no activity at all.
  if (rows.length === 0 && filtered)
    return (
      <p className="text-sm text-zinc-600 dark:text-zinc-400" data-testid="activity-none">
        No activity matches these filters. The repository filter finds any part of a name; clear the
        filters to see everything.
      </p>
    );
  if (rows.length === 0)
    return (
      <p className="text-sm text-zinc-600 dark:text-zinc-400">
        Nothing yet. Pushes of drafts, retags, copies and deletes appear here.
      </p>
    );
  return (
    <div className="-m-4 md:overflow-x-auto">
      <table
        className="w-full text-left text-sm max-md:block md:min-w-[48rem]"
        aria-label="Activity"
      >
        <thead className="text-xs text-zinc-500 max-md:sr-only dark:text-zinc-400">
          <tr>
            <th className="px-3 py-2 font-medium">Time</th>
            <th className="px-3 py-2 font-medium">Action</th>
            <th className="px-3 py-2 font-medium">Who</th>
            <th className="px-3 py-2 font-medium">Tag</th>
            <th className="px-3 py-2 font-medium">Before → after</th>
            <th className="px-3 py-2 font-medium">Details</th>
          </tr>
        </thead>
        <tbody className="max-md:block">
          {rows.map((r) => (
            <ActivityRow key={r.id} row={r} />
          ))}
        </tbody>
      </table>
    </div>
  );
}
