'use client';

import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect, useRef } from 'react';

import { formatDate } from '@/lib/format';
import { apiFetch } from '@/lib/query/api-fetch';
import { RoleGate } from '@/components/auth/access';
import { Button } from '@/components/ui/button';
import { describeScope, describeTagRule } from '@/lib/coverage/describe';

import { coverageKeys, isActive, scanQuery, type ScanView } from './coverage-api';

const STATUS_TEXT: Record<ScanView['status'], string> = {
  queued: 'Queued',
  running: 'Scanning',
  succeeded: 'Done',
  failed: 'Stopped',
  interrupted: 'Interrupted by a server restart',
  unknown: 'Unknown',
};

/** The chosen scan's state: progress while it runs, and Cancel / Resume. Refreshes the report as results arrive. */
export function ScanStatus({ id }: { id: string }) {
  const queryClient = useQueryClient();
  const scan = useQuery(scanQuery(id));
  const s = scan.data;
  const done = s?.repositoriesDone ?? 0;

  // Results stream into the store: refresh the table and totals as repositories finish.
  const seen = useRef(-1);
  useEffect(() => {
    if (seen.current === done && !(s && !isActive(s))) return;
    seen.current = done;
    void queryClient.invalidateQueries({ queryKey: ['coverage', 'totals', id] });
    void queryClient.invalidateQueries({ queryKey: ['coverage', 'repos', id] });
  }, [done, s, id, queryClient]);

  const act = useMutation({
    mutationFn: (what: 'cancel' | 'resume') =>
      apiFetch<ScanView>(`/api/coverage/scans/${encodeURIComponent(id)}/${what}`, {
        method: 'POST',
      }),
    onSuccess: (next) => {
      queryClient.setQueryData(coverageKeys.scan(id), next);
      void queryClient.invalidateQueries({ queryKey: coverageKeys.scans(next.registry) });
    },
  });

  if (!s)
    return (
      <p className="text-sm text-zinc-500 dark:text-zinc-400">
        {scan.error?.message ?? 'Loading scan…'}
      </p>
    );
  const total = s.catalogDone ? s.repositoriesSeen : undefined;
  const pct = total ? Math.round((done / Math.max(1, total)) * 100) : undefined;
  return (
    <div className="flex flex-col gap-2 text-sm" aria-live="polite">
      <div className="flex flex-wrap items-center gap-x-3 gap-y-1">
        <span className="font-semibold" data-testid="scan-status">
          {STATUS_TEXT[s.status]}
        </span>
        <span className="text-zinc-600 dark:text-zinc-400">
          {describeScope(s.params.scope)} · {describeTagRule(s.params.tagRule)} ·{' '}
          {formatDate(s.createdAt)}
        </span>
        <RoleGate role="editor" target={{ registry: s.registry }} action="Cancel and resume">
          {isActive(s) ? (
            <Button size="sm" variant="secondary" onClick={() => act.mutate('cancel')}>
              Cancel
            </Button>
          ) : null}
          {s.status === 'failed' || s.status === 'interrupted' ? (
            <Button size="sm" variant="primary" onClick={() => act.mutate('resume')}>
              Resume
            </Button>
          ) : null}
        </RoleGate>
      </div>
      <div
        role="progressbar"
        aria-label="Scan progress"
        aria-valuemin={0}
        aria-valuemax={100}
        {...(pct !== undefined ? { 'aria-valuenow': pct } : {})}
        className="h-1.5 w-full overflow-hidden rounded bg-zinc-200 dark:bg-zinc-800"
      >
        <div
          className="h-full bg-sky-600 transition-[width]"
          style={{ width: `${s.status === 'succeeded' ? 100 : (pct ?? 5)}%` }}
        />
      </div>
      <p className="text-zinc-600 dark:text-zinc-400">
        {done} of {total ?? `${s.repositoriesSeen}+`} repositories · {s.tags} tags ·{' '}
        {s.requests.toLocaleString('en')} registry requests
      </p>
      {s.catalogTruncated || s.catalogDropped > 0 ? (
        <p className="text-zinc-700 dark:text-zinc-300" data-testid="scan-listing-notice">
          {s.catalogTruncated
            ? `Showing the first ${s.repositoriesSeen} repositories; the registry lists more. `
            : ''}
          {s.catalogDropped > 0
            ? `${s.catalogDropped} names the registry listed are not valid repository names and were left out.`
            : ''}
        </p>
      ) : null}
      {s.error ? (
        <p role="alert" className="text-red-700 dark:text-red-400">
          {s.error.message}
          {s.error.retryable ? ' Resume carries on where it stopped.' : ''}
        </p>
      ) : null}
      {act.error ? (
        <p role="alert" className="text-red-700 dark:text-red-400">
          {act.error.message}
        </p>
      ) : null}
    </div>
  );
}
