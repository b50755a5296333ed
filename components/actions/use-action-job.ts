'use client';

import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useCallback, useEffect, useRef, useState } from 'react';

import { jobKeys, jobQuery } from '@/components/drafts/api';
import type { Job } from '@/lib/jobs';

/**
 * Follows one server-side job of an action: `start(job)` with the job a POST answered, then the
 * job is polled (GET /api/jobs/[id]) until it finishes; `onSucceeded` runs once when it succeeds.
 */
export function useActionJob(onSucceeded: (job: Job) => void): {
  job: Job | undefined;
  start: (job: Job) => void;
  clear: () => void;
} {
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
  return { job, start, clear };
}
