'use client';

import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect, useRef } from 'react';

import { apiFetch } from '@/lib/query/api-fetch';
import { jobKeys, jobQuery, type Job } from '@/components/drafts/api';
import { Badge, type BadgeTone } from '@/components/ui/badge';
import { Button } from '@/components/ui/button';
import { conflictsOf, fromPublicError, type PublicError } from '@/lib/errors';
import { formatBytes, formatDate } from '@/lib/format';
import type { JobStep } from '@/lib/store';

const STATUS_TONE: Record<Job['status'], BadgeTone> = {
  queued: 'neutral',
  running: 'blue',
  succeeded: 'green',
  failed: 'red',
  interrupted: 'amber',
};

const STATUS_TEXT: Record<Job['status'], string> = {
  queued: 'Queued',
  running: 'Running',
  succeeded: 'Succeeded',
  failed: 'Failed',
  interrupted: 'Interrupted',
};

const STEP_TONE: Record<JobStep['status'], string> = {
  pending: 'text-zinc-500 dark:text-zinc-400',
  running: 'text-sky-700 dark:text-sky-400',
  done: 'text-emerald-700 dark:text-emerald-400',
  skipped: 'text-zinc-500 dark:text-zinc-400',
  failed: 'text-red-700 dark:text-red-400',
};

const STEP_ICON: Record<JobStep['status'], string> = {
  pending: '○',
  running: '◐',
  done: '✓',
  skipped: '↷',
  failed: '✕',
};

function Bar({ done, total, label }: { done: number; total: number; label: string }) {
  const pct = total > 0 ? Math.min(100, Math.round((done / total) * 100)) : 0;
  return (
    <div
      role="progressbar"
      aria-label={label}
      aria-valuemin={0}
      aria-valuemax={100}
      aria-valuenow={pct}
      className="h-1.5 w-full overflow-hidden rounded bg-zinc-200 dark:bg-zinc-800"
    >
      <div className="h-full bg-sky-600 transition-[width]" style={{ width: `${pct}%` }} />
    </div>
  );
}

function StepLine({ step, nested = false }: { step: JobStep; nested?: boolean }) {
  const bytes =
    step.bytesTotal !== undefined && step.bytesTotal > 0
      ? `${formatBytes(step.bytesDone ?? 0)} / ${formatBytes(step.bytesTotal)}`
      : undefined;
  return (
    <li
      className={`flex flex-wrap items-baseline gap-x-2 text-sm ${nested ? 'pl-6 text-xs' : ''}`}
      data-step-status={step.status}
    >
      <span aria-hidden className={`w-4 shrink-0 text-center ${STEP_TONE[step.status]}`}>
        {STEP_ICON[step.status]}
      </span>
      <span className={`font-mono ${nested ? '' : 'font-medium'}`}>{step.label}</span>
      <span className={STEP_TONE[step.status]}>{step.status}</span>
      {step.detail ? (
        <span className="text-zinc-500 dark:text-zinc-400">({step.detail})</span>
      ) : null}
      {bytes ? (
        <span className="ml-auto font-mono text-xs text-zinc-500 dark:text-zinc-400">{bytes}</span>
      ) : null}
    </li>
  );
}

/** Conflict details carried by a failed push: both digests per tag. */
function ConflictDetails({ error }: { error: PublicError }) {
  const conflicts = conflictsOf(fromPublicError(error));
  if (!conflicts.length) return null;
  return (
    <ul className="mt-2 space-y-1 font-mono text-xs">
      {conflicts.map((c) => (
        <li key={c.reference}>
          {c.reference}: expected {c.expected ?? 'no tag'}, found {c.actual ?? 'no tag'}
        </li>
      ))}
    </ul>
  );
}

/**
 * The progress of a server-side job (polled every second while it runs): overall bytes, each step
 * with its blobs, the error with a Retry button. Survives a reload: the job lives on the server.
 */
export function JobProgress({
  jobId,
  title = 'Push',
  onSettled,
}: {
  jobId: string;
  title?: string;
  onSettled?: (job: Job) => void;
}) {
  const queryClient = useQueryClient();
  const { data: job, error } = useQuery(jobQuery(jobId));
  const retry = useMutation({
    mutationFn: () =>
      apiFetch<Job>(`/api/jobs/${encodeURIComponent(jobId)}/retry`, { method: 'POST' }),
    onSuccess: (next) => queryClient.setQueryData(jobKeys.detail(jobId), next),
  });

  const lastStatus = useRef<string | undefined>(undefined);
  useEffect(() => {
    if (!job) return;
    const finished =
      job.status === 'succeeded' || job.status === 'failed' || job.status === 'interrupted';
    if (finished && lastStatus.current !== job.status && lastStatus.current !== undefined)
      onSettled?.(job);
    lastStatus.current = job.status;
  }, [job, onSettled]);

  if (error)
    return (
      <p role="alert" className="text-sm text-red-700 dark:text-red-400">
        Cannot load the job: {error.message}
      </p>
    );
  if (!job) return <p className="text-sm text-zinc-500 dark:text-zinc-400">Loading job…</p>;

  const steps = job.progress.steps;
  const top = steps.filter((s) => !s.parent);
  const children = (id: string) => steps.filter((s) => s.parent === id);
  const manifests = steps.filter((s) => s.kind === 'manifest');
  const bytesDone = manifests.reduce((n, s) => n + (s.bytesDone ?? 0), 0);
  const bytesTotal = manifests.reduce((n, s) => n + (s.bytesTotal ?? 0), 0);
  const finishedSteps = top.filter((s) => s.status === 'done' || s.status === 'skipped').length;
  const canRetry = job.status === 'failed' || job.status === 'interrupted';

  return (
    <section
      aria-label={`${title} job`}
      data-job-id={job.id}
      data-job-status={job.status}
      className="flex flex-col gap-3"
    >
      <div className="flex flex-wrap items-center gap-2">
        <h3 className="text-sm font-semibold">{title}</h3>
        <Badge tone={STATUS_TONE[job.status]}>
          <span data-testid="job-status">{STATUS_TEXT[job.status]}</span>
        </Badge>
        <span className="text-xs text-zinc-500 dark:text-zinc-400">
          {finishedSteps}/{top.length} steps · {formatBytes(bytesDone)} of {formatBytes(bytesTotal)}{' '}
          · attempt {job.attempts} · started {formatDate(job.startedAt ?? job.createdAt)}
        </span>
        {canRetry ? (
          <Button
            size="sm"
            variant="secondary"
            className="ml-auto"
            disabled={retry.isPending}
            onClick={() => retry.mutate()}
          >
            {retry.isPending ? 'Retrying…' : 'Retry'}
          </Button>
        ) : null}
      </div>
      <Bar done={finishedSteps} total={top.length} label={`${title} progress`} />
      {job.progress.message ? (
        <p className="text-sm text-zinc-600 dark:text-zinc-400">{job.progress.message}</p>
      ) : null}
      {job.error ? (
        <div
          role="alert"
          className="rounded-md border border-red-300 bg-red-50 p-3 text-sm text-red-900 dark:border-red-800 dark:bg-red-950 dark:text-red-200"
        >
          <p className="font-semibold">
            {job.error.code === 'CONFLICT'
              ? 'The destination changed'
              : job.status === 'interrupted'
                ? 'Interrupted'
                : 'Push failed'}{' '}
            ({job.error.code})
          </p>
          <p className="mt-1">{job.error.message}</p>
          {job.error.hint ? (
            <p className="mt-1 text-red-800 dark:text-red-300">{job.error.hint}</p>
          ) : null}
          <ConflictDetails error={job.error} />
          {job.error.retryable ? (
            <p className="mt-1">
              Retry resumes where it stopped: what is already in the destination is skipped.
            </p>
          ) : null}
        </div>
      ) : null}
      {retry.error ? (
        <p role="alert" className="text-sm text-red-700 dark:text-red-400">
          {retry.error.message}
        </p>
      ) : null}
      {top.length > 0 ? (
        <ol className="flex flex-col gap-1" aria-label="Steps">
          {top.map((s) => (
            <li key={s.id}>
              <ol>
                <StepLine step={s} />
                {children(s.id).length > 0 && (s.status === 'running' || s.status === 'failed') ? (
                  <li>
                    <ol>
                      {children(s.id).map((c) => (
                        <StepLine key={c.id} step={c} nested />
                      ))}
                    </ol>
                  </li>
                ) : null}
              </ol>
            </li>
          ))}
        </ol>
      ) : null}
    </section>
  );
}
