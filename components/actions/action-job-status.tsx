'use client';

import { JobProgress } from '@/components/jobs/job-progress';
import { fromPublicError } from '@/lib/errors';

import { ActionProblem } from './problem';
import type { ActionJob } from './use-action-job';

/**
 * The running part of a job-backed action (retag, copy): the job's progress until it is done,
 * then the request's failure or the job's conflict with "Review again" / "Overwrite anyway".
 */
export function ActionJobStatus({
  actionJob,
  done,
  title,
  error,
  busy,
  onReview,
  onForce,
}: {
  actionJob: ActionJob;
  done: boolean;
  title: string;
  /** The failure of the request that started the job. */
  error: Error | null;
  busy: boolean;
  onReview: () => void;
  onForce: () => void;
}) {
  const { job, conflict } = actionJob;
  return (
    <>
      {job && !done && !conflict ? <JobProgress jobId={job.id} title={title} /> : null}
      {error ? (
        <ActionProblem error={error} busy={busy} onReview={onReview} onForce={onForce} />
      ) : null}
      {conflict ? (
        <ActionProblem
          error={fromPublicError(conflict)}
          busy={busy}
          onReview={onReview}
          onForce={onForce}
        />
      ) : null}
    </>
  );
}
