'use client';

import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';

import { useDenial } from '@/components/auth/access';
import { ErrorPanel, Skeleton } from '@/components/ui/card';

import { toPublicError } from '@/lib/errors';

import { historyQuery } from './api';
import { RestoreDialog } from './restore-dialog';
import { DigestLink, TimelineRow, Violations } from './timeline-row';

/** The timeline table's column names. */
function TimelineHead() {
  return (
    <thead className="text-xs text-zinc-500 dark:text-zinc-400">
      <tr>
        <th className="py-1.5 pr-3 font-medium">When</th>
        <th className="py-1.5 pr-3 font-medium">Digest</th>
        <th className="py-1.5 pr-3 font-medium">Platforms</th>
        <th className="py-1.5 pr-3 font-medium">How</th>
        <th className="py-1.5 pr-3 font-medium">Who</th>
        <th className="py-1.5 font-medium">
          <span className="sr-only">Restore</span>
        </th>
      </tr>
    </thead>
  );
}

/**
 * A tag's history: every digest it held, from when to when, who put it there and how (Manifold's
 * own actions, registry events, the reconcile check), with a list's platforms and what changed.
 * Any earlier digest the repository still has can be restored.
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
  if (data.timeline.length === 0) {
    return (
      <p className="text-sm text-zinc-600 dark:text-zinc-400" data-testid="tag-history-empty">
        No change to :{tag} is recorded yet. Changes made with other tools (docker push, skopeo,
        regctl) are recorded when the registry sends its events to Manifold or a reconcile check
        watches the repository (docs/events.md).
      </p>
    );
  }
  return (
    <div className="flex flex-col gap-2">
      <p className="text-sm text-zinc-600 dark:text-zinc-400">
        :{tag} holds{' '}
        <DigestLink registry={registry} repository={repository} digest={data.current} /> now. Every
        digest it held, newest first:
      </p>
      <Violations violations={data.violations} />
      <div className="overflow-x-auto">
        <table className="w-full text-left text-sm" aria-label={`History of :${tag}`}>
          <TimelineHead />
          <tbody>
            {data.timeline.map((e, i) => (
              <TimelineRow
                key={`${e.from ?? 'start'}-${i}`}
                at={{ registry, repository, tag }}
                entry={e}
                current={data.current}
                exists={data.exists}
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
