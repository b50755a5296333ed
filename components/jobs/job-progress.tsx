'use client';

import type { Job } from '@/components/drafts/api';
import { Badge, type BadgeTone } from '@/components/ui/badge';
import { Button } from '@/components/ui/button';
import { formatBytes, formatDate } from '@/lib/format';

import { JobError } from './job-error';
import { StepList } from './job-steps';
import { useJob } from './use-job';

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

/**
 * The progress of a server-side job (followed with a long poll while it runs): overall bytes,
 * each step with its blobs, the error with a Retry button. Survives a reload: the job lives on the
 * server.
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
  const { job, error, retry } = useJob(jobId, onSettled);

  if (error)
    return (
      <p role="alert" className="text-sm text-red-700 dark:text-red-400">
        Cannot load the job: {error.message}
      </p>
    );
  if (!job) return <p className="text-sm text-zinc-500 dark:text-zinc-400">Loading job…</p>;

  const steps = job.progress.steps;
  const top = steps.filter((s) => !s.parent);
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
      {job.error ? <JobError job={job} error={job.error} /> : null}
      {retry.error ? (
        <p role="alert" className="text-sm text-red-700 dark:text-red-400">
          {retry.error.message}
        </p>
      ) : null}
      <StepList steps={steps} />
    </section>
  );
}
