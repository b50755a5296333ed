'use client';

import { useQuery } from '@tanstack/react-query';
import Link from 'next/link';
import { useState } from 'react';

import { ACTION_TONE } from '@/components/activity/action-tone';
import { Badge } from '@/components/ui/badge';
import { useDenial } from '@/components/auth/access';
import { Button } from '@/components/ui/button';
import { ErrorPanel, Skeleton } from '@/components/ui/card';
import { formatDate } from '@/lib/format';
import { imagePath } from '@/lib/paths';

import { toPublicError } from '@/lib/errors';

import { historyQuery, type TagHistory as TagHistoryData } from './api';
import { short } from './format';
import { RestoreDialog } from './restore-dialog';

function DigestLink({
  registry,
  repository,
  digest,
}: {
  registry: string;
  repository: string;
  digest: string | null;
}) {
  if (!digest) return <span className="text-zinc-500 dark:text-zinc-400">none</span>;
  return (
    <Link
      href={imagePath(registry, repository, digest)}
      className="font-mono underline decoration-zinc-300 hover:decoration-current dark:decoration-zinc-600"
      title={digest}
    >
      {short(digest)}
    </Link>
  );
}

type HistoryEntry = TagHistoryData['entries'][number];

/** The change column: what was done, with whether it overwrote and where it came from. */
function Change({ entry: e }: { entry: HistoryEntry }) {
  return (
    <td className="py-1.5 pr-3">
      <Badge tone={ACTION_TONE[e.action]}>{e.action}</Badge>
      {e.detail.forced === true ? (
        <span className="ml-1 text-xs text-amber-700 dark:text-amber-300">(overwrote)</span>
      ) : null}
      {Array.isArray(e.detail.removed) ? (
        <span className="ml-1 text-xs text-zinc-500 dark:text-zinc-400">
          {(e.detail.removed as string[]).join(', ')}
        </span>
      ) : null}
      {typeof e.detail.source === 'string' ? (
        <span className="ml-1 text-xs text-zinc-500 dark:text-zinc-400" title={e.detail.source}>
          from {e.detail.source.replace(/@sha256:([0-9a-f]{12})[0-9a-f]+$/, '@sha256:$1')}
        </span>
      ) : null}
      {e.action === 'untag' && e.detail.method === 'placeholder' ? (
        <span className="ml-1 text-xs text-zinc-500 dark:text-zinc-400">(placeholder method)</span>
      ) : null}
    </td>
  );
}

function HistoryRow({
  at: { registry, repository, tag },
  history: data,
  entry: e,
  canRestore,
  onRestore,
}: {
  /** The tag the history is shown for. */
  at: { registry: string; repository: string; tag: string };
  history: TagHistoryData;
  entry: HistoryEntry;
  canRestore: boolean;
  onRestore: (digest: string) => void;
}) {
  const before = e.digestBefore;
  // A row's Restore brings back what the tag held right after that change (its "after"), as a
  // version list does; the first row's "before" is the row below's "after".
  const after = e.digestAfter;
  const gone = after !== null && data.exists[after] === false;
  const restorable = after !== null && after !== data.current && !gone;
  return (
    <tr
      className="border-t border-zinc-200 align-top dark:border-zinc-800"
      data-testid="history-row"
      data-action={e.action}
    >
      <td className="py-1.5 pr-3 whitespace-nowrap">{formatDate(e.time)}</td>
      <Change entry={e} />
      <td className="py-1.5 pr-3 whitespace-nowrap">
        <DigestLink registry={registry} repository={repository} digest={before} /> →{' '}
        <DigestLink registry={registry} repository={repository} digest={e.digestAfter} />
      </td>
      <td className="py-1.5 pr-3" data-testid="history-who">
        {e.who ?? 'unknown'}
      </td>
      <td className="py-1.5 text-right">
        {restorable && canRestore ? (
          <Button
            size="sm"
            onClick={() => onRestore(after)}
            aria-label={`Restore :${tag} to ${short(after)}`}
          >
            Restore {short(after, 7)}
          </Button>
        ) : gone ? (
          <span
            className="text-xs text-zinc-500 dark:text-zinc-400"
            title="Deleted, or removed by garbage collection once nothing tagged pointed at it"
          >
            {short(after, 7)} is gone: cannot restore
          </span>
        ) : null}
      </td>
    </tr>
  );
}

/**
 * A tag's history: every change made through Manifold (push, retag, copy, delete, untag, restore,
 * remove-platform) with the digest before and after. A change can be undone by restoring the
 * digest it replaced, when the repository still has that content.
 */
export function TagHistory({
  registry,
  repository,
  tag,
  insecure = false,
}: {
  registry: string;
  repository: string;
  tag: string;
  insecure?: boolean;
}) {
  const { data, error, isPending } = useQuery(historyQuery(registry, repository, tag));
  const [restoring, setRestoring] = useState<string | null>(null);
  const restoreDenial = useDenial('admin', { registry, repository }, 'Restore');
  if (isPending) return <Skeleton className="h-24 w-full" />;
  if (error) {
    const pub = toPublicError(error);
    return (
      <ErrorPanel
        title="Cannot load the history"
        message={pub.message}
        {...(pub.hint ? { hint: pub.hint } : {})}
      />
    );
  }
  if (data.entries.length === 0) {
    return (
      <p className="text-sm text-zinc-600 dark:text-zinc-400" data-testid="tag-history-empty">
        No change to :{tag} was made through Manifold yet. Changes made with other tools (docker
        push, skopeo, regctl) are not recorded here.
      </p>
    );
  }
  return (
    <div className="flex flex-col gap-2">
      <p className="text-sm text-zinc-600 dark:text-zinc-400">
        :{tag} holds{' '}
        <DigestLink registry={registry} repository={repository} digest={data.current} /> now.
        Changes made through Manifold, newest first:
      </p>
      <div className="overflow-x-auto">
        <table className="w-full text-left text-sm" aria-label={`History of :${tag}`}>
          <thead className="text-xs text-zinc-500 dark:text-zinc-400">
            <tr>
              <th className="py-1.5 pr-3 font-medium">When</th>
              <th className="py-1.5 pr-3 font-medium">Change</th>
              <th className="py-1.5 pr-3 font-medium">Before → after</th>
              <th className="py-1.5 pr-3 font-medium">Who</th>
              <th className="py-1.5 font-medium">
                <span className="sr-only">Restore</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {data.entries.map((e) => (
              <HistoryRow
                key={e.id}
                at={{ registry, repository, tag }}
                history={data}
                entry={e}
                canRestore={!restoreDenial}
                onRestore={setRestoring}
              />
            ))}
          </tbody>
        </table>
      </div>
      {restoring ? (
        <RestoreDialog
          history={data}
          digest={restoring}
          insecure={insecure}
          onClose={() => setRestoring(null)}
        />
      ) : null}
    </div>
  );
}
