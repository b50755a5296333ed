import type { Metadata } from 'next';
import Link from 'next/link';

import { ACTION_TONE } from '@/components/activity/action-tone';
import { Badge } from '@/components/ui/badge';
import { buttonClass } from '@/components/ui/button';
import { Card } from '@/components/ui/card';
import { formatDate } from '@/lib/format';
import { imagePath } from '@/lib/paths';
import { shortDigest } from '@/lib/registry';
import { listActivity, type ActivityAction, type ActivityRecord } from '@/lib/store';

export const dynamic = 'force-dynamic';
export const metadata: Metadata = { title: 'Activity' };

const PAGE = 50;
const ACTIONS: ActivityAction[] = [
  'push',
  'retag',
  'copy',
  'delete',
  'untag',
  'restore',
  'remove-platform',
];

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

type Search = Promise<Record<string, string | string[] | undefined>>;

/** The activity log: every push, retag, copy, delete and restore Manifold did, newest first. */
export default async function ActivityPage({ searchParams }: { searchParams: Search }) {
  const sp = await searchParams;
  const one = (k: string) => (typeof sp[k] === 'string' && sp[k] ? sp[k] : undefined);
  const action = ACTIONS.find((a) => a === one('action'));
  const before = Number(one('before')) || undefined;
  const filter = { registry: one('registry'), repository: one('repository'), tag: one('tag') };
  const rows = listActivity({
    ...(filter.registry ? { registry: filter.registry } : {}),
    ...(filter.repository ? { repository: filter.repository } : {}),
    ...(filter.tag ? { tag: filter.tag } : {}),
    ...(action ? { action } : {}),
    ...(before ? { before } : {}),
    limit: PAGE,
  });
  const next = rows.length === PAGE ? rows.at(-1)?.id : undefined;
  const query = (extra: Record<string, string>) =>
    `?${new URLSearchParams({ ...Object.fromEntries(Object.entries({ ...filter, ...(action ? { action } : {}) }).filter((e): e is [string, string] => !!e[1])), ...extra }).toString()}`;
  const inputClass =
    'rounded-md border border-zinc-300 bg-white px-2 py-1 font-mono text-sm dark:border-zinc-700 dark:bg-zinc-900';

  return (
    <div className="flex flex-col gap-6">
      <div>
        <h1 className="text-2xl font-semibold tracking-tight">Activity</h1>
        <p className="mt-1 text-sm text-zinc-600 dark:text-zinc-400">
          Every tag Manifold wrote or removed, with the digest before and after. A tag’s history is
          its rows here.
        </p>
      </div>
      <form className="flex flex-wrap items-end gap-2" method="get">
        <label className="flex flex-col gap-1 text-xs font-medium">
          Registry
          <input name="registry" defaultValue={filter.registry} className={inputClass} />
        </label>
        <label className="flex flex-col gap-1 text-xs font-medium">
          Repository
          <input name="repository" defaultValue={filter.repository} className={inputClass} />
        </label>
        <label className="flex flex-col gap-1 text-xs font-medium">
          Tag
          <input name="tag" defaultValue={filter.tag} className={`${inputClass} w-32`} />
        </label>
        <label className="flex flex-col gap-1 text-xs font-medium">
          Action
          <select name="action" defaultValue={action ?? ''} className={inputClass}>
            <option value="">any</option>
            {ACTIONS.map((a) => (
              <option key={a} value={a}>
                {a}
              </option>
            ))}
          </select>
        </label>
        <button type="submit" className={buttonClass('secondary')}>
          Filter
        </button>
        <Link href="/activity" className={buttonClass('ghost')}>
          Clear
        </Link>
      </form>
      <Card>
        {rows.length === 0 ? (
          <p className="text-sm text-zinc-600 dark:text-zinc-400">
            Nothing yet. Pushes of drafts, retags, copies and deletes appear here.
          </p>
        ) : (
          <div className="-m-4 overflow-x-auto">
            <table className="w-full min-w-[48rem] text-left text-sm" aria-label="Activity">
              <thead className="text-xs text-zinc-500 dark:text-zinc-400">
                <tr>
                  <th className="px-3 py-2 font-medium">Time</th>
                  <th className="px-3 py-2 font-medium">Action</th>
                  <th className="px-3 py-2 font-medium">Who</th>
                  <th className="px-3 py-2 font-medium">Tag</th>
                  <th className="px-3 py-2 font-medium">Before → after</th>
                  <th className="px-3 py-2 font-medium">Details</th>
                </tr>
              </thead>
              <tbody>
                {rows.map((r) => (
                  <tr
                    key={r.id}
                    className="border-t border-zinc-200 align-top dark:border-zinc-800"
                    data-testid="activity-row"
                  >
                    <td className="px-3 py-2 whitespace-nowrap">{formatDate(r.time)}</td>
                    <td className="px-3 py-2">
                      <Badge tone={ACTION_TONE[r.action] ?? 'neutral'}>{r.action}</Badge>
                    </td>
                    <td className="px-3 py-2 text-xs" data-testid="activity-who">
                      {r.who ?? 'unknown'}
                    </td>
                    <td className="px-3 py-2 font-mono text-xs wrap-anywhere">
                      {r.tag ? (
                        <Link
                          href={imagePath(r.registry, r.repository, r.tag)}
                          className="text-sky-700 hover:underline dark:text-sky-400"
                        >
                          {r.registry}/{r.repository}:{r.tag}
                        </Link>
                      ) : (
                        `${r.registry}/${r.repository}`
                      )}
                    </td>
                    <td className="px-3 py-2 whitespace-nowrap">
                      <DigestLink row={r} digest={r.digestBefore} /> →{' '}
                      <DigestLink row={r} digest={r.digestAfter} />
                    </td>
                    <td className="px-3 py-2">
                      <Detail row={r} />
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </Card>
      {next ? (
        <Link
          href={`/activity${query({ before: String(next) })}`}
          className={buttonClass('secondary')}
        >
          Older entries
        </Link>
      ) : null}
    </div>
  );
}
