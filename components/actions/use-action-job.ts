'use client';

import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useCallback, useEffect, useRef, useState } from 'react';

import { jobKeys, jobQuery } from '@/components/drafts/api';
import type { Job } from '@/lib/jobs';

/** The job an action follows and what the dialog derives from it. */
export interface ActionJob {
  job: Job | undefined;
  /** Queued or running. */
  running: boolean;
  /** The job's error when it failed because a tag moved meanwhile (offer review / force). */
  conflict: NonNullable<Job['error']> | null;
  start: (job: Job) => void;
  clear: () => void;
}

/**
 * Follows one server-side job of an action: `start(job)` with the job a POST answered, then the
 * job is followed (GET /api/jobs/[id], a long poll) until it finishes; `onSucceeded` runs once when it succeeds.
 */
export function useActionJob(onSucceeded: (job: Job) => void): ActionJob {
  const queryClient = useQueryClient();
  const [jobId, setJobId] = useState<string | null>(null);
  const { data } = useQuery({ ...jobQuery(jobId ?? 'none'), enabled: jobId !== null });
  const fired = useRef<string | null>(null);
  const job = jobId !== null && data?.id === jobId ? data : undefined;
  useEffect(() => {
    if (job?.status === 'succeeded' && fired.current !== job.id) {
      fired.current = job.id;
      onSucceeded(job);
    }
  }, [job, onSucceeded]);
  const start = useCallback(
    (j: Job) => {
      queryClient.setQueryData(jobKeys.detail(j.id), j);
      setJobId(j.id);
    },
    [queryClient],
  );
  const clear = useCallback(() => setJobId(null), []);
  const running = job !== undefined && (job.status === 'queued' || job.status === 'running');
  const conflict = job?.status === 'failed' && job.error?.code === 'CONFLICT' ? job.error : null;
  return { job, running, conflict, start, clear };
}
